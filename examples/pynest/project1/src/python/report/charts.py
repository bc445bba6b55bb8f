def chart():
    pass
