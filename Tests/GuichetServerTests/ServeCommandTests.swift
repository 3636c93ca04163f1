import ArgumentParser
import Foundation
@testable import GuichetServer
import Testing

@Suite struct ServeCommandTests {
    /// A métropole's own cotation grid is checked before the server starts: a bad one stops it with exit code 1.
    @Test func badGridRefusesToStart() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let bad = dir.appendingPathComponent("grille.json")
        try Data(#"{"version": "", "criteres": [{"code": "inconnu", "points": -3}]}"#.utf8).write(to: bad)
        for grid in [bad.path, dir.appendingPathComponent("absente.json").path] {
            var command = try GuichetServerCommand.parseAsRoot(["serve", "--data", dir.path, "--port", "0", "--grille", grid]) as! any AsyncParsableCommand
            await #expect(throws: ExitCode(1)) { try await command.run() }
        }
    }
}
