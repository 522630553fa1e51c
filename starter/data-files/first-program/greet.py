# [greet]
def greet(name):
    print(f"Hello, {name}!")
# [/greet]


greet("world")
