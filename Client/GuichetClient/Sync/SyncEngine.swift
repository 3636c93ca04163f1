import Crypto
import Foundation
import GRDB
import GuichetDomain
import GuichetProtocol

/// Pushes the outbox, uploads pièces in their own lane, then pulls pages until the server has no more.
/// Every step is idempotent and resumable: an outbox entry leaves only when the server acknowledged it, a page
/// and its cursor are applied in one transaction, an upload resumes from the offset the server reports.
public struct SyncEngine: Sendable {
    let replica: Replica
    let transport: any Transport
    public var batchSize = 100
    public var pageLimit = PullPage.defaultLimit
    public var retry = RetryPolicy()
    public var progress: (@Sendable (SyncProgress) -> Void)?
    let sleep: @Sendable (Duration) async throws -> Void

    public init(replica: Replica, transport: any Transport, sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.replica = replica
        self.transport = transport
        self.sleep = sleep
    }

    /// The engine for the enrolled device's server.
    public static func forDevice(replica: Replica) async throws -> SyncEngine {
        SyncEngine(replica: replica, transport: HTTPTransport(baseURL: try await replica.device().serverURL))
    }

    /// One complete sync. Throws on a refusal that will not change (token revoked, protocol too old…) or when the
    /// network stays down through all retries; nothing local is lost either way.
    public func sync() async throws -> SyncReport {
        var device = try await replica.device()
        var report = SyncReport()
        let started = Date()
        do {
            // Rotate the token a month before it expires, while the old one still works.
            if device.tokenExpiresAt.timeIntervalSinceNow < 30 * 86400 {
                let rotated = try await withRetry(&report) {
                    try await ServerAPI(transport: transport, token: device.token).json(TokenResponse.self, "POST", "/token")
                }
                device = try await replica.write { db in
                    var d = try Replica.device(db)
                    d.token = rotated.token
                    d.tokenExpiresAt = rotated.tokenExpiresAt
                    try Replica.saveDevice(db, d)
                    return d
                }
                report.tokenRotated = true
            }
            let api = ServerAPI(transport: transport, token: device.token)
            try await pushAndUpload(api, &report)
            try await pullAll(api, &report)
            report.pendingCommands = try await replica.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0 }
            try await finish(started: started, report: report, error: nil)
            return report
        } catch {
            try? await finish(started: started, report: report, error: String(describing: error))
            throw error
        }
    }

    // MARK: Push and pièces

    func pushAndUpload(_ api: ServerAPI, _ report: inout SyncReport) async throws {
        var watchdog = ProgressWatchdog(limit: .zero)
        for _ in 0..<1000 {
            let blocked = try await pushOutbox(api, &report)
            let uploaded = try await uploadPieces(api, &report)
            let pending = try await replica.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0 }
            if pending == 0 || !blocked { return }
            // Blocked on a pièce: another round only makes sense if the pièce lane moved.
            if watchdog.observe(pending: pending, at: .now) && uploaded == 0 {
                report.stuck = try await stuckReason()
                return
            }
        }
    }

    func stuckReason() async throws -> String {
        try await replica.read { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT number, type, piece_sha FROM outbox ORDER BY number LIMIT 1") else { return "" }
            let number: Int64 = r["number"]
            if let sha: String = r["piece_sha"] {
                return "La commande \(number) attend l'envoi de la pièce \(sha.prefix(12))… qui n'a pas abouti."
            }
            return "La commande \(number) (\(r["type"] as String)) n'avance pas."
        }
    }

    /// Pushes batches until the outbox is empty or the server asks to retry later; returns true when blocked.
    func pushOutbox(_ api: ServerAPI, _ report: inout SyncReport) async throws -> Bool {
        while true {
            let (commands, pending) = try await replica.read { db -> ([Command], PendingReport) in
                let commands = try String.fetchAll(db, sql: "SELECT command FROM outbox ORDER BY number LIMIT ?", arguments: [batchSize])
                    .map { try ClientCoding.decode(Command.self, $0) }
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0
                let pieces = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM piece WHERE uploaded = 0 AND from_server = 0") ?? 0
                let oldest = try String.fetchOne(db, sql: "SELECT MIN(created_at) FROM outbox").flatMap(ClientCoding.date)
                return (commands, PendingReport(commands: count, pieces: pieces, oldestPendingSince: oldest))
            }
            guard !commands.isEmpty else { return false }
            let response: PushResponse
            do {
                response = try await withRetry(&report) {
                    try await api.json(PushResponse.self, "POST", "/push", body: PushRequest(commands: commands, pending: pending))
                }
            } catch APIError.problem(let p) where p.code == ProblemCode.commandGap.rawValue && (p.expectedNumber ?? .max) < commands[0].number {
                // The server expects an earlier number than our oldest pending command: it was restored from a
                // backup and lost acknowledged commands. The pending ones were never applied: renumber them from
                // the server's number so the queue moves on, and say so.
                try await renumberOutbox(from: p.expectedNumber!)
                report.renumberedFrom = p.expectedNumber
                continue
            }
            let today = Jour(Date(), timeZone: .paris)
            let blocked = try await replica.write { db -> Bool in
                var touched = Set<String>()
                var blocked = false
                for outcome in response.outcomes {
                    if outcome.status == .retryLater { blocked = true; break }
                    if let id = try Self.acknowledge(db, outcome) { touched.insert(id) }
                }
                for id in touched { if let uuid = UUID(uuidString: id) { try Replica.rederive(db, demandeId: uuid, today: today) } }
                return blocked
            }
            report.pushed += response.outcomes.filter { $0.status != .retryLater }.count
            report.applied += response.outcomes.filter { $0.status == .applied }.count
            report.rejected += response.outcomes.filter { $0.status == .rejected }.count
            emit("envoi", report)
            if blocked { return true }
            if response.outcomes.isEmpty { return false }
        }
    }

    /// Renumbers every pending command consecutively from `first` (same order, same content).
    func renumberOutbox(from first: Int64) async throws {
        try await replica.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT number, command FROM outbox ORDER BY number")
            // Move out of the way first (numbers are the primary key), then write the new numbers.
            try db.execute(sql: "UPDATE outbox SET number = -number")
            for (i, row) in rows.enumerated() {
                var command = try ClientCoding.decode(Command.self, row["command"])
                let old: Int64 = row["number"]
                command.number = first + Int64(i)
                try db.execute(sql: "UPDATE outbox SET number = ?, command = ? WHERE number = ?",
                               arguments: [command.number, try ClientCoding.json(command), -old])
            }
            var device = try Replica.device(db)
            device.nextNumber = first + Int64(rows.count)
            try Replica.saveDevice(db, device)
        }
    }

    /// Removes an acknowledged command from the outbox (keeping rejected ones visible); returns its demande id.
    static func acknowledge(_ db: Database, _ outcome: CommandOutcome) throws -> String? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE number = ?", arguments: [outcome.number]) else { return nil }
        if outcome.status == .rejected, let rejection = outcome.rejection {
            try db.execute(sql: "INSERT OR REPLACE INTO rejected (number, type, demande_id, command, rejection, at) VALUES (?,?,?,?,?,?)",
                arguments: [outcome.number, row["type"] as String, row["demande_id"] as String?, row["command"] as String,
                            try ClientCoding.json(rejection), ClientCoding.text(Date())])
        }
        if outcome.status == .applied, let sha: String = row["piece_sha"] {
            try db.execute(sql: "UPDATE piece SET uploaded = 1 WHERE sha256 = ?", arguments: [sha])
        }
        try db.execute(sql: "DELETE FROM outbox WHERE number = ?", arguments: [outcome.number])
        return row["demande_id"]
    }

    /// Uploads every local pièce the server does not have yet, resuming at the server's offset.
    func uploadPieces(_ api: ServerAPI, _ report: inout SyncReport) async throws -> Int {
        let waiting = try await replica.read { db in
            try Row.fetchAll(db, sql: "SELECT DISTINCT sha256, taille FROM piece WHERE uploaded = 0 AND from_server = 0").map { ($0["sha256"] as String, $0["taille"] as Int) }
        }
        var done = 0
        for (sha, size) in waiting {
            let bytes = try BlobFiles.read(sha, in: replica.directory)
            var offset = try await withRetry(&report) { try await remoteOffset(api, sha) }
            while offset < Int64(size) {
                let end = min(Int(offset) + PieceUpload.chunkSize, size)
                let chunk = Array(bytes[Int(offset)..<end])
                let checksum = "sha256 " + Data(SHA256.hash(data: chunk)).base64EncodedString()
                do {
                    let headers = [(PieceUpload.offsetHeader, String(offset)), (PieceUpload.lengthHeader, String(size)),
                                   (PieceUpload.checksumHeader, checksum), ("Content-Type", "application/offset+octet-stream")]
                    let sent = offset
                    let response = try await withRetry(&report) { try await api.send("PATCH", "/pieces/\(sha)", body: chunk, headers: headers) }
                    offset = Int64(response.headers[PieceUpload.offsetHeader.lowercased()] ?? "") ?? Int64(end)
                    report.bytesUploaded += offset - sent
                    emit("pièces", report)
                } catch APIError.problem(let p) where p.code == ProblemCode.uploadOffsetMismatch.rawValue {
                    // The server has more (or less) than we thought: resume where it stands.
                    let resume = p.currentOffset ?? 0
                    if resume < offset { report.bytesResent += offset - resume }
                    offset = resume
                }
            }
            try await replica.write { db in try db.execute(sql: "UPDATE piece SET uploaded = 1 WHERE sha256 = ?", arguments: [sha]) }
            report.piecesUploaded += 1
            done += 1
        }
        return done
    }

    func remoteOffset(_ api: ServerAPI, _ sha: String) async throws -> Int64 {
        let r = try await api.send("HEAD", "/pieces/\(sha)")
        return Int64(r.headers[PieceUpload.offsetHeader.lowercased()] ?? "0") ?? 0
    }

    // MARK: Retries

    /// Runs `body`, retrying retryable failures with backoff and jitter; refusals that will not change go up at once.
    func withRetry<T>(_ report: inout SyncReport, _ body: () async throws -> T) async throws -> T {
        var rng = SystemRandomNumberGenerator()
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch let error as APIError where error.isRetryable && attempt < retry.maximumAttempts {
                report.retries += 1
                try await sleep(retry.delay(afterAttempt: attempt, using: &rng))
                attempt += 1
            }
        }
    }

    func emit(_ phase: String, _ report: SyncReport) {
        progress?(SyncProgress(phase: phase, pushed: report.pushed, pulled: report.pulled, bytesUploaded: report.bytesUploaded))
    }

    func finish(started: Date, report: SyncReport, error: String?) async throws {
        try await replica.write { db in
            var device = try Replica.device(db)
            if error == nil { device.lastSyncAt = Date() }
            device.lastSyncError = error
            try Replica.saveDevice(db, device)
            try db.execute(sql: "INSERT INTO sync_history (started_at, finished_at, pushed, pulled, bytes_up, outcome, error) VALUES (?,?,?,?,?,?,?)",
                arguments: [ClientCoding.text(started), ClientCoding.text(Date()), report.pushed, report.pulled, report.bytesUploaded,
                            error == nil ? (report.stuck == nil ? "ok" : "stuck") : "error", error])
        }
    }
}
