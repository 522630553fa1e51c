docker image ls
