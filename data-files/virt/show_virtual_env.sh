echo $PATH | tr : '\n' | grep conda
echo "python is" $(which python)
