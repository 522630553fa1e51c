print("nothing uses this file")
