import ArgumentParser
import Foundation
@testable import GuichetClient
import GuichetDomain
import GuichetProtocol
import GuichetServer
import Testing

@Suite struct RefusalTests {
    @Test func localRefusalsWriteNothing() async throws {
        let server = try ServerFixture.make()
        let n1 = try Desk.make("n1"), n2 = try Desk.make("n2")
        let codes = (try await server.enrollmentCode("SAR01", niveau: .un, commune: "38472"), try await server.enrollmentCode("GRE01", niveau: .deux))
        try await server.online { url in
            try await n1.enroll(url, code: codes.0)
            try await n2.enroll(url, code: codes.1)
        }
        // A niveau-1 point may not register a demande: refused on the desk, with the reason.
        let refusal = await #expect(throws: ClientError.self) { try await n1.client.createDemande(demandeExemple(nom: "X")) }
        #expect(refusal?.code == .niveauInsuffisant)
        #expect(refusal?.message.contains("niveau 2") == true)
        // Invalid input lists every problem and writes nothing.
        var bad = demandeExemple(nom: "")
        bad.logementRecherche.communes = ["123"]
        let invalid = await #expect(throws: ClientError.self) { try await n2.client.createDemande(bad) }
        #expect(invalid?.code == .validation)
        let chemins = Set(invalid?.problemes.map(\.chemin) ?? [])
        #expect(chemins.isSuperset(of: ["demandeur.nomNaissance", "logementRecherche.communes[0]"]))
        #expect(invalid?.description.contains("Le nom de naissance du demandeur est obligatoire.") == true)
        #expect(try await n2.outboxCount() == 0)
        #expect(try await n2.client.demandes().isEmpty)
        // A pièce file that does not exist or is empty.
        let missing = await #expect(throws: ClientError.self) {
            try await n1.client.addPiece(demande: DemandeRef(numeroUnique: try NumeroUnique("0381126000001GRE01")), file: URL(fileURLWithPath: "/nonexistent.pdf"), type: .pieceIdentite)
        }
        #expect(missing?.code == .fichier)
        #expect(try await n1.outboxCount() == 0)
    }

    @Test func serverRefusalsAreKeptWithTheirReason() async throws {
        let server = try ServerFixture.make()
        let desk = try Desk.make("sar")
        let code = try await server.enrollmentCode("SAR01", niveau: .un, commune: "38472")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("p-\(UUID().uuidString).pdf")
        try Data(repeating: 1, count: 1000).write(to: file)
        try await server.online { url in
            try await desk.enroll(url, code: code)
            // A well-formed numéro unique that no demande carries.
            _ = try await desk.client.addPiece(demande: DemandeRef(numeroUnique: try NumeroUnique("0381126999999GRE01")), file: file, type: .pieceIdentite)
            _ = try await desk.client.recordAccueil(type: .appel)
            let report = try await desk.engine(url).sync()
            #expect(report.rejected == 1)
            #expect(report.applied == 1)
        }
        let rejected = try await desk.client.rejectedChanges()
        #expect(rejected.count == 1)
        #expect(rejected.first?.code == "demandeInconnue")
        #expect(rejected.first?.message.contains("0381126999999GRE01") == true)
        #expect(try await desk.outboxCount() == 0)
    }

    @Test func revokedDeviceAndTooOldProtocolKeepPendingWork() async throws {
        let server = try ServerFixture.make()
        let desk = try Desk.make("rev")
        let code = try await server.enrollmentCode("GRE01", niveau: .deux)
        try await server.online { url in
            try await desk.enroll(url, code: code)
            _ = try await desk.client.createDemande(demandeExemple(nom: "Y"))
            // A server that no longer speaks this client's protocol version.
            let old = FaultyTransport(HTTPTransport(baseURL: url)) { _, _ in nil }
            old.rewritePath = { $0.replacingOccurrences(of: "/v1/", with: "/v9/") }
            let tooOld = await #expect(throws: APIError.self) { try await desk.engine(url, transport: old).sync() }
            guard case .problem(let p) = tooOld else { Issue.record("expected a problem"); return }
            #expect(p.code == "unsupportedVersion")
            #expect(p.supportedVersions == [1])
            #expect(try await desk.outboxCount() == 1)

            let device = try await desk.replica.device()
            try await server.sync.revokeDevice(id: device.deviceId)
            let revoked = await #expect(throws: APIError.self) { try await desk.engine(url).sync() }
            #expect(revoked?.isRetryable == false)
            #expect(try await desk.outboxCount() == 1)
            #expect(try await desk.client.status().lastSyncError != nil)
        }
    }

    /// The CLI prints French refusals and exits non-zero.
    @Test func cliExitCodes() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)").path
        func run(_ args: [String]) async throws {
            var command = try GuichetCommand.parseAsRoot(args) as! any AsyncParsableCommand
            try await command.run()
        }
        await #expect(throws: ExitCode(1)) { try await run(["status", "--data", dir]) }
        await #expect(throws: ExitCode(1)) { try await run(["accueil", "add", "--data", dir, "--type", "courrier"]) }
        try await run(["demande", "template"])
        #expect(ValidationDemande.problemes(DemandeTemplate.exemple(au: Jour(2026, 11, 27)!), au: Jour(2026, 11, 27)!).isEmpty)
    }
}

@Suite struct ClientUnitTests {
    @Test func backoffGrowsWithJitterAndACap() {
        let policy = RetryPolicy(initialDelay: .milliseconds(100), maximumDelay: .seconds(2), maximumAttempts: 6)
        #expect(policy.ceiling(afterAttempt: 1) == .milliseconds(100))
        #expect(policy.ceiling(afterAttempt: 3) == .milliseconds(400))
        #expect(policy.ceiling(afterAttempt: 10) == .seconds(2))
        var rng = SystemRandomNumberGenerator()
        for attempt in 1...8 {
            let d = policy.delay(afterAttempt: attempt, using: &rng)
            #expect(d >= policy.ceiling(afterAttempt: attempt) / 2 && d <= policy.ceiling(afterAttempt: attempt))
        }
    }

    @Test func watchdogReportsAQueueThatStopsMoving() {
        var w = ProgressWatchdog(limit: .seconds(10))
        let t0 = ContinuousClock.now
        let seen = [(5, 0), (4, 8), (4, 17), (4, 19), (0, 30)].map { pending, s in w.observe(pending: pending, at: t0 + .seconds(s)) }
        #expect(seen == [false, false, false, true, false])
    }

    @Test func localViewReplaysPendingCommandsOnServerState() throws {
        let d = demandeExemple(nom: "V")
        var server = d
        server.statut = .enregistree
        server.numeroUnique = try NumeroUnique("0381126000007GRE01")
        server.dates = DatesDemande(depot: Jour(2026, 11, 20)!, enregistrement: Jour(2026, 11, 20)!)
        var hlc = HybridLogicalClock(device: "d")
        let change = FieldChange(path: "coordonnees.telephone", old: .string("06 12 34 56 78"), new: .string("0700000000"))
        let update = Command(number: 2, hlc: hlc.tick(physicalMillis: 1), agent: "a", payload: .updateDemande(UpdateDemande(demandeId: d.id, baseVersion: 1, changes: [change])))
        let view = try #require(LocalView.derive(server: server, pending: [update], today: Jour(2026, 11, 27)!))
        #expect(view.coordonnees.telephone == "0700000000")
        #expect(view.numeroUnique == server.numeroUnique)
        let diff = LocalView.diff(try JSONValue(encoding: server), try JSONValue(encoding: view))
        #expect(diff.map(\.path) == ["coordonnees.telephone"])
    }
}
