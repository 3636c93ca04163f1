import Foundation
import GuichetDomain
import GuichetProtocol

/// The server's storage, behind which SQLite (embedded default) and PostgreSQL (production) sit.
///
/// Business logic (`SyncService`) is written once against `StoreTransaction`; a store only provides
/// transactions. Writes are serialised and durable when `write` returns (nothing is acknowledged before).
public protocol Store: Sendable {
    /// Runs `body` in one write transaction: committed when it returns, rolled back when it throws.
    func write<T: Sendable>(_ body: @escaping @Sendable (any StoreTransaction) throws -> T) async throws -> T
    /// Runs `body` on a consistent read snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (any StoreTransaction) throws -> T) async throws -> T
    /// Human-readable description of where the data lives (no secrets).
    var location: String { get }
}

/// The primitive operations of one transaction. Rows are plain structs (`StoreRows.swift`).
public protocol StoreTransaction {
    /// Runs `body` in a savepoint: its writes are undone when it throws or returns false (a rejected command).
    func savepoint(_ body: () throws -> Bool) throws
    // Guichets, enrollment, devices.
    func insertGuichet(_ row: GuichetRow) throws
    func guichet(code: String) throws -> GuichetRow?
    func guichets() throws -> [GuichetRow]
    func updateGuichet(_ row: GuichetRow) throws
    func insertEnrollmentCode(hash: String, guichetCode: String, expiresAt: Date) throws
    /// Consumes a one-time code: returns its guichet when the code exists, is unused and not expired.
    func consumeEnrollmentCode(hash: String, now: Date) throws -> String?
    func insertDevice(_ row: DeviceRow) throws
    func device(id: String) throws -> DeviceRow?
    func device(tokenHash: String) throws -> DeviceRow?
    func devices(guichetCode: String?) throws -> [DeviceRow]
    func updateDevice(_ row: DeviceRow) throws

    // Demandes and scopes.
    func demande(id: UUID) throws -> DemandeRow?
    func demande(numeroUnique: String) throws -> DemandeRow?
    func upsertDemande(_ row: DemandeRow) throws
    /// Adds the demande to a guichet's scope; returns true when it was not there yet.
    func addToScope(demandeId: UUID, guichetCode: String, seq: Int64) throws -> Bool
    func isInScope(demandeId: UUID, guichetCode: String) throws -> Bool
    /// (id, version) of every demande a guichet sees (`nil`: every demande).
    func scopeVersions(guichetCode: String?) throws -> [(UUID, Int64)]
    /// Next value of the numéro unique counter of a territory and month (1 on first use).
    func nextNumeroCounter(territoire: String, mois: String) throws -> Int
    /// Raises a counter to at least `value` (numbers imported or seeded elsewhere are never handed out again).
    func ensureNumeroCounter(territoire: String, mois: String, atLeast value: Int) throws

    // Change stream.
    func appendChange(_ change: NewChange) throws -> Int64
    func changes(after cursor: Int64, audience: Audience, limit: Int) throws -> [(Int64, Data)]
    func maxSeq() throws -> Int64

    // Outcomes, audit, conflicts.
    func outcome(device: String, number: Int64) throws -> Data?
    func saveOutcome(device: String, number: Int64, outcome: Data) throws
    func appendAudit(_ entry: AuditEntry) throws
    func auditEntries(limit: Int) throws -> [AuditEntry]
    func insertConflict(_ row: ConflictRow) throws
    func conflict(id: UUID) throws -> ConflictRow?
    func conflicts(includeResolved: Bool) throws -> [ConflictRow]
    func updateConflict(_ row: ConflictRow) throws

    // Pièces and accueil.
    func insertPiece(_ row: PieceRow) throws
    func piece(id: UUID) throws -> PieceRow?
    func blob(sha256: String) throws -> BlobRow?
    func insertBlob(_ row: BlobRow) throws
    /// True when some pièce with this digest belongs to a demande the audience sees.
    func blobVisible(sha256: String, audience: Audience) throws -> Bool
    func insertAccueil(_ row: AccueilRow) throws
    func accueilExists(id: UUID) throws -> Bool

    // Offers (rapprochement).
    func upsertOffre(_ offre: Offre) throws
    func offre(id: UUID) throws -> Offre?
    func offre(bailleur: String, reference: String) throws -> Offre?
    func offres() throws -> [Offre]
    func appendOffreEvent(_ event: OffreEvent) throws
    func offreEvents(offreId: UUID) throws -> [OffreEvent]
    /// Demande snapshots of the stream after `cursor`, in order (the matching index follows them).
    func demandeSnapshots(after cursor: Int64, limit: Int) throws -> [(Int64, Data)]
    /// Pièces of a demande, oldest first.
    func pieces(demandeId: UUID) throws -> [Piece]

    // Pilotage: facts written in the same transaction as the change they come from; staff accounts.
    func appendFait(_ fait: FaitPilotage) throws
    /// Facts after `id`, in commit order, with their ids.
    func faits(after id: Int64, limit: Int) throws -> [(Int64, FaitPilotage)]
    func insertStaff(_ row: StaffRow) throws
    func staff(login: String) throws -> StaffRow?
    func staffs() throws -> [StaffRow]
    func updateStaff(_ row: StaffRow) throws
}

/// Who a read is for: one device of one guichet, or every demande (métropole staff).
public struct Audience: Sendable, Hashable {
    public var deviceId: String
    public var guichetCode: String
    public var seesAll: Bool
    public init(deviceId: String, guichetCode: String, seesAll: Bool) {
        self.deviceId = deviceId
        self.guichetCode = guichetCode
        self.seesAll = seesAll
    }
}
