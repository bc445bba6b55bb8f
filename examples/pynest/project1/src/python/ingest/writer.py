def write(path, data):
    open(path, "w").write(data)
