print("proof that the script was copied")
