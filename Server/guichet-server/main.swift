import GuichetServer
print("x")
