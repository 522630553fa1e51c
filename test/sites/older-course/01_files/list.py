import os

for name in sorted(os.listdir(".")):
    print(name)
