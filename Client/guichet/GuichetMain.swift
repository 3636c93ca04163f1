import ArgumentParser
import GuichetClient

/// Thin entry point: everything lives in the GuichetClient library, which tests import.
@main
enum GuichetMain {
    static func main() async {
        await GuichetCommand.main()
    }
}
