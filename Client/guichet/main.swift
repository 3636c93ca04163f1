import GuichetClient
print("x")
