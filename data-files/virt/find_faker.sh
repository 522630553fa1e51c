find $HOME/conda/envs/example -name faker
