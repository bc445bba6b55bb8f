def test_chart():
    assert True
