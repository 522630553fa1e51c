docker container ls
