import ArgumentParser
import GuichetServer

/// Thin entry point: everything lives in the GuichetServer library, which tests import.
@main
enum GuichetServerMain {
    static func main() async {
        await GuichetServerCommand.main()
    }
}
