import Foundation
import GuichetDomain
import GuichetProtocol

/// The server's sync logic over any `Store`: enrollment, authentication, push (exactly-once commands), pull.
public struct SyncService: Sendable {
    public let store: any Store
    public let configuration: SyncConfiguration
    public let clock: any ServerClock

    /// 1 January 3000, in milliseconds since 1970: the latest wall time a stamp may carry.
    static let maximumStampMillis: Int64 = 32_503_680_000_000

    /// How stale a device's recorded last contact may be before a pull refreshes it.
    static let lastSeenGranularity: TimeInterval = 30

    public init(store: any Store, configuration: SyncConfiguration = SyncConfiguration(), clock: any ServerClock = SystemClock()) {
        self.store = store
        self.configuration = configuration
        self.clock = clock
    }

    // MARK: Devices

    /// Exchanges a one-time enrollment code for a device token.
    /// - Throws: `Problem` `.enrollmentCodeInvalid` when the code is unknown, used, expired, or its guichet revoked.
    public func enroll(_ request: EnrollRequest, clientBuild: String) async throws -> EnrollResponse {
        let now = clock.now()
        let token = Secrets.makeToken()
        let expires = now.addingTimeInterval(configuration.tokenLifetime)
        let deviceId = UUID.v7(now: now).uuidString.lowercased()
        let codeHash = Secrets.hash(Secrets.normaliseEnrollmentCode(request.code))
        let name = String(request.deviceName.prefix(100))
        let guichet: Guichet = try await store.write { tx in
            guard let code = try tx.consumeEnrollmentCode(hash: codeHash, now: now), let g = try tx.guichet(code: code), g.revokedAt == nil else {
                throw Problem(.enrollmentCodeInvalid, detail: "Code d'enrôlement inconnu, déjà utilisé ou expiré : demandez un nouveau code à la métropole.")
            }
            var row = DeviceRow(id: deviceId, guichetCode: g.guichet.code, name: name, tokenHash: Secrets.hash(token), tokenExpiresAt: expires,
                                createdAt: now, lastApplied: 0, lastPullSeq: 0)
            row.clientBuild = clientBuild
            try tx.insertDevice(row)
            try tx.appendAudit(AuditEntry(at: now, deviceId: deviceId, guichetCode: g.guichet.code, agent: nil, hlc: nil, commandNumber: nil,
                                          action: "enroll", entityId: deviceId, outcome: "applied"))
            return g.guichet
        }
        return EnrollResponse(deviceId: deviceId, token: token, tokenExpiresAt: expires, guichet: guichet)
    }

    /// Resolves a bearer token.
    /// - Throws: `Problem` `.unauthenticated`, `.tokenRevoked` or `.tokenExpired`.
    public func authenticate(token: String) async throws -> DeviceContext {
        let hash = Secrets.hash(token)
        let now = clock.now()
        return try await store.read { tx in
            guard let device = try tx.device(tokenHash: hash), let g = try tx.guichet(code: device.guichetCode) else {
                throw Problem(.unauthenticated, detail: "Jeton inconnu : enrôlez l'appareil auprès de la métropole.")
            }
            if device.revokedAt != nil || g.revokedAt != nil {
                throw Problem(.tokenRevoked, detail: "Cet appareil a été révoqué : contactez la métropole.")
            }
            if device.tokenExpiresAt <= now {
                throw Problem(.tokenExpired, detail: "Le jeton de l'appareil a expiré : enrôlez-le de nouveau avec un code de la métropole.")
            }
            return DeviceContext(device: device, guichet: g.guichet)
        }
    }

    /// Replaces the device's token (rotation); the old token stops working in the same transaction.
    public func rotateToken(_ context: DeviceContext) async throws -> TokenResponse {
        let now = clock.now()
        let token = Secrets.makeToken()
        let expires = now.addingTimeInterval(configuration.tokenLifetime)
        try await store.write { tx in
            guard var device = try tx.device(id: context.device.id) else { throw Problem(.tokenRevoked, detail: "Appareil inconnu.") }
            device.tokenHash = Secrets.hash(token)
            device.tokenExpiresAt = expires
            try tx.updateDevice(device)
            try tx.appendAudit(AuditEntry(at: now, deviceId: device.id, guichetCode: device.guichetCode, agent: nil, hlc: nil, commandNumber: nil,
                                          action: "token.rotate", entityId: device.id, outcome: "applied"))
        }
        return TokenResponse(token: token, tokenExpiresAt: expires)
    }

    /// What the server knows of the calling device.
    public func me(_ context: DeviceContext) async throws -> DeviceInfo {
        let (device, seq) = try await store.read { tx in (try tx.device(id: context.device.id), try tx.maxSeq()) }
        return DeviceInfo(deviceId: context.device.id, guichet: context.guichet, lastApplied: device?.lastApplied ?? 0, serverSeq: seq,
                          actions: Permissions.actions(pour: context.guichet).sorted { $0.rawValue < $1.rawValue })
    }

    // MARK: Push

    /// Applies a batch of consecutive commands, each exactly once, in one transaction.
    /// - Throws: `Problem` `.malformedRequest` (not consecutive), `.batchTooLarge`, `.commandGap` (first number beyond
    ///   last applied + 1; nothing is applied).
    public func push(_ request: PushRequest, context: DeviceContext, clientBuild: String?) async throws -> PushResponse {
        let commands = request.commands
        guard commands.count <= PushRequest.maximumCommands else {
            throw Problem(.batchTooLarge, detail: "Au plus \(PushRequest.maximumCommands) commandes par envoi (reçu \(commands.count)).")
        }
        for (a, b) in zip(commands, commands.dropFirst()) where b.number != a.number + 1 {
            throw Problem(.malformedRequest, detail: "Les commandes d'un envoi doivent être consécutives (\(a.number) puis \(b.number)).")
        }
        if let bad = commands.first(where: { $0.number < 1 }) {
            throw Problem(.malformedRequest, detail: "Les numéros de commande commencent à 1 (reçu \(bad.number)).")
        }
        // A stamp before 1970 or after 2999 is no clock reading: a corrupt or forged command, refused as a whole.
        if let bad = commands.first(where: { !(0...Self.maximumStampMillis).contains($0.hlc.wallMillis) }) {
            throw Problem(.malformedRequest, detail: "Horodatage invalide pour la commande \(bad.number) : l'horloge de l'appareil donne une date impossible.")
        }
        let now = clock.now()
        let configuration = self.configuration
        return try await store.write { tx in
            guard var device = try tx.device(id: context.device.id) else {
                throw Problem(.tokenRevoked, detail: "Appareil inconnu.")
            }
            if let first = commands.first, first.number > device.lastApplied + 1 {
                throw Problem(.commandGap, detail: "Commandes manquantes : le serveur attend la commande \(device.lastApplied + 1), reçu \(first.number).",
                              expectedNumber: device.lastApplied + 1)
            }
            var outcomes: [CommandOutcome] = []
            let ctx = DeviceContext(device: device, guichet: context.guichet)
            for command in commands {
                if command.number <= device.lastApplied {
                    outcomes.append(try Self.storedOutcome(tx, device: device.id, number: command.number))
                    continue
                }
                let skew = command.hlc.wallMillis - Int64(now.timeIntervalSince1970 * 1000)
                if skew > Int64(configuration.maximumClockDrift * 1000) {
                    // Recorded, flagged, never used as authority.
                    device.clockFlaggedAt = now
                    device.clockSkewMillis = skew
                }
                var outcome = CommandOutcome(number: command.number, status: .retryLater)
                try tx.savepoint {
                    outcome = try CommandProcessor(tx: tx, context: ctx, configuration: configuration, now: now).apply(command)
                    return outcome.status == .applied
                }
                if outcome.status == .retryLater {
                    outcomes.append(outcome)
                    break
                }
                if outcome.status == .rejected {
                    try tx.appendAudit(AuditEntry(at: now, deviceId: device.id, guichetCode: ctx.guichet.code, agent: command.agent,
                        hlc: command.hlc.description, commandNumber: command.number, action: command.payload.type, entityId: nil,
                        outcome: "rejected", details: outcome.rejection?.code))
                }
                let stored = outcome
                try tx.saveOutcome(device: device.id, number: command.number, outcome: try WireCoding.encoder.encode(stored))
                _ = try tx.appendChange(NewChange(visibility: .device, deviceId: device.id) { seq in
                    try WireCoding.encoder.encode(Change(seq: seq, body: .outcome(stored)))
                })
                device.lastApplied = command.number
                outcomes.append(outcome)
            }
            device.lastSeenAt = now
            if let clientBuild { device.clientBuild = String(clientBuild.prefix(100)) }
            if let p = request.pending {
                device.pendingCommands = p.commands
                device.pendingPieces = p.pieces
            }
            try tx.updateDevice(device)
            return PushResponse(outcomes: outcomes, lastApplied: device.lastApplied)
        }
    }

    static func storedOutcome(_ tx: any StoreTransaction, device: String, number: Int64) throws -> CommandOutcome {
        guard let data = try tx.outcome(device: device, number: number) else {
            throw Problem(.internalError, detail: "Résultat de la commande \(number) introuvable.")
        }
        var o = try WireCoding.decoder.decode(CommandOutcome.self, from: data)
        o.replayed = true
        return o
    }

    // MARK: Pull

    /// A pull page as stored: each change is the JSON written when it was committed, sent as is.
    public struct EncodedPullPage: Sendable {
        public var changes: [Data]
        public var nextCursor: Int64
        public var hasMore: Bool
        public var checkpoint: Checkpoint?

        /// The page's JSON (`PullPage`'s wire form) with the stored changes spliced in: the server neither decodes
        /// nor re-encodes them, which was two thirds of its time in an initial sync.
        public func json() throws -> Data {
            var out = Data("{\"changes\":[".utf8)
            out.reserveCapacity(changes.reduce(64) { $0 + $1.count + 1 })
            for (i, c) in changes.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(c)
            }
            out.append(contentsOf: Array("],\"nextCursor\":\(nextCursor),\"hasMore\":\(hasMore)".utf8))
            if let checkpoint {
                out.append(contentsOf: Array(",\"checkpoint\":".utf8))
                out.append(try WireCoding.encoder.encode(checkpoint))
            }
            out.append(UInt8(ascii: "}"))
            return out
        }
    }

    /// The changes after `cursor` the device may see; on the last page, the checkpoint of its scope.
    /// - Throws: `Problem` `.cursorAhead` when the cursor is beyond the server's sequence (reconcile instead).
    public func pull(_ context: DeviceContext, cursor: Int64, limit: Int) async throws -> PullPage {
        let page = try await pullEncoded(context, cursor: cursor, limit: limit)
        return PullPage(changes: try page.changes.map { try WireCoding.decoder.decode(Change.self, from: $0) }, nextCursor: page.nextCursor,
                        hasMore: page.hasMore, checkpoint: page.checkpoint)
    }

    /// `pull`, with the changes left as stored (what the HTTP route sends).
    public func pullEncoded(_ context: DeviceContext, cursor: Int64, limit: Int) async throws -> EncodedPullPage {
        let limit = max(1, min(limit, PullPage.maximumLimit))
        let audience = context.audience
        let page: EncodedPullPage = try await store.read { tx in
            let maxSeq = try tx.maxSeq()
            guard cursor <= maxSeq, cursor >= 0 else {
                throw Problem(.cursorAhead, detail: "Le curseur \(cursor) dépasse la séquence du serveur (\(maxSeq)) : réconciliez l'appareil.",
                              serverSeq: maxSeq)
            }
            let rows = try tx.changes(after: cursor, audience: audience, limit: limit + 1)
            if rows.count > limit {
                return EncodedPullPage(changes: rows.prefix(limit).map(\.1), nextCursor: rows[limit - 1].0, hasMore: true)
            }
            var digest = ScopeDigest()
            for (id, version) in try tx.scopeVersions(guichetCode: audience.seesAll ? nil : audience.guichetCode) {
                digest.add(id: id, version: version)
            }
            return EncodedPullPage(changes: rows.map(\.1), nextCursor: maxSeq, hasMore: false,
                                   checkpoint: Checkpoint(seq: maxSeq, count: digest.count, digest: digest.hex))
        }
        let now = clock.now()
        // A pull is a read: its only write is the device's last contact (network health). Skipped when recorded
        // less than 30 s ago, so desks polling an idle stream do not queue behind writers for an fsync each.
        if context.device.lastSeenAt.map({ now.timeIntervalSince($0) >= Self.lastSeenGranularity || $0 > now }) ?? true {
            try await store.write { tx in
                guard var device = try tx.device(id: context.device.id) else { return }
                device.lastSeenAt = now
                device.lastPullSeq = max(device.lastPullSeq, cursor)
                try tx.updateDevice(device)
            }
        }
        return page
    }

    /// The ids and versions of the device's scope, for a device whose cursor cannot be served.
    public func reconcile(_ context: DeviceContext) async throws -> ReconcileResponse {
        let audience = context.audience
        return try await store.read { tx in
            let seq = try tx.maxSeq()
            let entries = try tx.scopeVersions(guichetCode: audience.seesAll ? nil : audience.guichetCode)
                .map { ReconcileResponse.VersionEntry(id: $0.0, version: $0.1) }.sorted { $0.id.uuidString < $1.id.uuidString }
            return ReconcileResponse(seq: seq, demandes: entries)
        }
    }

    /// Fetches a demande online by numéro unique: it joins the guichet's scope, and the fetch is audited.
    /// - Throws: `Problem` `.notFound`.
    public func demande(numeroUnique: String, context: DeviceContext, agent: String?) async throws -> DemandeSnapshot {
        let now = clock.now()
        return try await store.write { tx in
            guard let row = try tx.demande(numeroUnique: numeroUnique.uppercased()) else {
                throw Problem(.notFound, detail: "Aucune demande ne porte le numéro unique \(numeroUnique).")
            }
            if !context.seesAll, try tx.addToScope(demandeId: row.demande.id, guichetCode: context.guichet.code, seq: row.updatedSeq) {
                try CommandProcessor.sendScopeEntry(tx, row: row, guichet: context.guichet.code)
            }
            try tx.appendAudit(AuditEntry(at: now, deviceId: context.device.id, guichetCode: context.guichet.code, agent: agent, hlc: nil,
                commandNumber: nil, action: "fetchDemande", entityId: row.demande.id.uuidString.lowercased(), outcome: "applied"))
            return row.snapshot
        }
    }
}
