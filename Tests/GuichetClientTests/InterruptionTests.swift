import Foundation
import GRDB
@testable import GuichetClient
import GuichetDomain
import GuichetProtocol
import GuichetServer
import Testing

@Suite struct InterruptionTests {
    /// The connection drops after the server applied a push but before the desk read the answer: the next sync
    /// learns the outcomes (replayed) and nothing is applied twice.
    @Test func lostPushAnswer() async throws {
        let server = try ServerFixture.make()
        let desk = try Desk.make("a")
        let code = try await server.enrollmentCode("GRE01", niveau: .deux)
        try await server.online { url in
            try await desk.enroll(url, code: code)
            for i in 0..<5 { _ = try await desk.client.createDemande(demandeExemple(nom: "N\(i)")) }
            let faulty = FaultyTransport(HTTPTransport(baseURL: url)) { r, n in r.path.hasPrefix("/v1/push") && n == 1 ? .afterServerAnswered : nil }
            await #expect(throws: APIError.self) { try await desk.engine(url, transport: faulty).sync() }
            #expect(try await desk.outboxCount() == 5)
            #expect(try await server.scope(nil).count == 5)
            let report = try await desk.engine(url).sync()
            #expect(report.applied == 5)
            #expect(try await desk.outboxCount() == 0)
            #expect(try await server.scope(nil).count == 5)
            #expect(try await desk.client.demandes().allSatisfy { $0.demande.numeroUnique != nil })
        }
    }

    /// The connection is cut in the middle of a pièce upload: the next sync resumes at the server's offset.
    @Test func cutDuringPieceUpload() async throws {
        let server = try ServerFixture.make()
        let desk = try Desk.make("b")
        let code = try await server.enrollmentCode("GRE01", niveau: .deux)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID().uuidString).pdf")
        let size = 3 * PieceUpload.chunkSize + 1234
        try Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 13) }).write(to: file)
        try await server.online { url in
            try await desk.enroll(url, code: code)
            let d = try await desk.client.createDemande(demandeExemple(nom: "Scan"))
            _ = try await desk.client.addPiece(demande: DemandeRef(id: d.id), file: file, type: .pieceIdentite)
            let faulty = FaultyTransport(HTTPTransport(baseURL: url)) { r, n in r.method == "PATCH" && n == 3 ? .before : nil }
            await #expect(throws: APIError.self) { try await desk.engine(url, transport: faulty).sync() }
            #expect(try await desk.outboxCount() == 1)  // the attachPiece waits
            let report = try await desk.engine(url).sync()
            // Two chunks were already on the server: only the rest is sent, nothing twice.
            #expect(report.bytesUploaded == Int64(size - 2 * PieceUpload.chunkSize))
            #expect(report.bytesResent == 0)
            #expect(report.piecesUploaded == 1)
            #expect(try await desk.outboxCount() == 0)
            #expect(try await desk.client.pieces(demande: d.id).count == 1)
        }
    }

    /// The connection is cut between two pull pages: the first page and its cursor were applied together; the
    /// next sync continues and the replica converges.
    @Test func cutDuringPull() async throws {
        let server = try ServerFixture.make()
        let writer = try Desk.make("w"), staff = try Desk.make("s")
        let codes = (try await server.enrollmentCode("GRE01", niveau: .deux), try await server.enrollmentCode("GAM01", niveau: .trois, type: .metropole))
        try await server.online { url in
            try await writer.enroll(url, code: codes.0)
            try await staff.enroll(url, code: codes.1)
            for i in 0..<12 { _ = try await writer.client.createDemande(demandeExemple(nom: "P\(i)")) }
            _ = try await writer.engine(url).sync()
            let faulty = FaultyTransport(HTTPTransport(baseURL: url)) { r, n in r.path.hasPrefix("/v1/pull") && n == 3 ? .before : nil }
            var engine = staff.engine(url, transport: faulty)
            engine.pageLimit = 5
            await #expect(throws: APIError.self) { try await engine.sync() }
            let partial = try await staff.serverState().count
            #expect(partial > 0 && partial < 12)
            var again = staff.engine(url)
            again.pageLimit = 5
            let report = try await again.sync()
            #expect(report.checkpointVerified)
            let expected = try await server.scope(nil)
            let actual = try await staff.serverState()
            #expect(Set(actual.keys) == Set(expected.keys))
        }
    }

    /// Retries with backoff ride over short outages within one sync.
    @Test func retriesRideOverTransientFailures() async throws {
        let server = try ServerFixture.make()
        let desk = try Desk.make("r")
        let code = try await server.enrollmentCode("GRE01", niveau: .deux)
        try await server.online { url in
            try await desk.enroll(url, code: code)
            _ = try await desk.client.createDemande(demandeExemple(nom: "R"))
            let faulty = FaultyTransport(HTTPTransport(baseURL: url)) { _, n in n <= 2 ? .before : nil }
            var engine = desk.engine(url, transport: faulty)
            engine.retry = RetryPolicy(initialDelay: .milliseconds(1), maximumDelay: .milliseconds(4), maximumAttempts: 5)
            let report = try await engine.sync()
            #expect(report.retries >= 2)
            #expect(report.applied == 1)
        }
    }
}

@Suite struct TokenRenewalTests {
    /// A month before the token expires, the next sync renews it; the device keeps its identity and queue.
    @Test func syncRenewsATokenAboutToExpire() async throws {
        let server = try ServerFixture.make()
        let desk = try Desk.make("tok")
        let code = try await server.enrollmentCode("GRE01", niveau: .deux)
        try await server.online { url in
            try await desk.enroll(url, code: code)
            let before = try await desk.replica.device()
            try await desk.replica.write { db in
                var d = try Replica.device(db)
                d.tokenExpiresAt = Date().addingTimeInterval(10 * 86400)
                try Replica.saveDevice(db, d)
            }
            _ = try await desk.client.createDemande(demandeExemple(nom: "T"))
            let report = try await desk.engine(url).sync()
            #expect(report.tokenRotated)
            #expect(report.applied == 1)
            let after = try await desk.replica.device()
            #expect(after.token != before.token)
            #expect(after.deviceId == before.deviceId)
            #expect(after.tokenExpiresAt > Date().addingTimeInterval(300 * 86400))
            #expect(try await desk.engine(url).sync().tokenRotated == false)
        }
    }
}

@Suite struct ServerRestoreTests {
    /// The server is restored from a backup taken before some of this desk's commands: its next numbers are
    /// "from the future". The desk renumbers what is still pending and its queue moves on.
    @Test func pendingWorkRenumberedAfterARestore() async throws {
        let server = try ServerFixture.make()
        let desk = try Desk.make("restore")
        let code = try await server.enrollmentCode("GRE01", niveau: .deux)
        try await server.online { url in
            try await desk.enroll(url, code: code)
            for i in 0..<3 { _ = try await desk.client.createDemande(demandeExemple(nom: "Avant\(i)")) }
            _ = try await desk.engine(url).sync()
            // The restored server is as it was after this device's first command: its number and stored outcomes.
            let deviceId = try await desk.replica.device().deviceId
            let restored = try DatabaseQueue(path: server.directory.appendingPathComponent("server.sqlite").path)
            try await restored.write { db in
                try db.execute(sql: "DELETE FROM command_outcome WHERE device_id = ? AND number > 1", arguments: [deviceId])
                try db.execute(sql: "UPDATE device SET last_applied = 1 WHERE id = ?", arguments: [deviceId])
            }
            _ = try await desk.client.createDemande(demandeExemple(nom: "Apres"))
            let report = try await desk.engine(url).sync()
            #expect(report.renumberedFrom == 2)
            #expect(report.applied == 1)
            #expect(try await desk.outboxCount() == 0)
            #expect(try await desk.client.demandes(search: "Apres").first?.demande.numeroUnique != nil)
            #expect(try await desk.replica.device().nextNumber == 3)
        }
    }
}
