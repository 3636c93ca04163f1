import ArgumentParser
import Foundation
import GuichetDomain
@testable import GuichetServer
import Testing

/// `guichet-server rapport` and `staff`, run as the CLI runs them: files written, refusals with exit code 1.
@Suite struct RapportCommandTests {
    static func run(_ args: [String]) async throws {
        var command = try GuichetServerCommand.parseAsRoot(args) as! any AsyncParsableCommand
        try await command.run()
    }

    @Test func monthlyReportInHTMLAndCSV() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-\(UUID().uuidString)")
        let data = dir.appendingPathComponent("data").path, out = dir.appendingPathComponent("out")
        try await Self.run(["demo", "seed", "--data", data, "--demandes", "200", "--offres", "5", "--seed", "2"])
        let mois = { () -> String in
            let j = Jour(Date(), timeZone: .paris).ajoutant(mois: -1)
            return String(format: "%04d-%02d", j.annee, j.mois)
        }()
        try await Self.run(["rapport", "--data", data, "--mois", mois, "--format", "html", "--out", out.path])
        let page = try String(contentsOf: out.appendingPathComponent("rapport-\(mois).html"), encoding: .utf8)
        #expect(page.contains("<svg") && page.contains("data-indicateur=\"accueil.visites\""))
        try await Self.run(["rapport", "--data", data, "--mois", mois, "--format", "csv", "--out", out.path])
        let fichiers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".csv") }
        #expect(fichiers.count == TableCSV.allCases.count)
        // A month that is not AAAA-MM: a French message and exit code 1, nothing written.
        await #expect(throws: ExitCode(1)) { try await Self.run(["rapport", "--data", data, "--mois", "octobre", "--out", out.path]) }
    }

    @Test func staffAccountsFromTheCLI() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("staff-\(UUID().uuidString)").path
        setenv("GUICHET_MOT_DE_PASSE", "un mot de passe solide", 1)
        defer { unsetenv("GUICHET_MOT_DE_PASSE") }
        try await Self.run(["staff", "add", "--data", data, "--login", "claire", "--nom", "Claire Martin"])
        await #expect(throws: ExitCode(1)) { try await Self.run(["staff", "add", "--data", data, "--login", "claire", "--nom", "Autre"]) }
        await #expect(throws: ExitCode(1)) { try await Self.run(["staff", "disable", "--data", data, "inconnu"]) }
        try await Self.run(["staff", "disable", "--data", data, "claire"])
        let store = try SQLiteStore(path: URL(fileURLWithPath: data).appendingPathComponent("guichet.sqlite").path)
        let compte = try #require(try await store.read { tx in try tx.staff(login: "claire") })
        #expect(compte.disabledAt != nil && compte.passwordHash.hasPrefix("$2b$12$"))
    }
}
