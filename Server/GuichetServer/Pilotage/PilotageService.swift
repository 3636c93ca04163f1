import Foundation
import GuichetDomain

/// The pilotage figures, kept current from the fact log: each request first folds the facts committed since the
/// last one (a late sync folds in at the next page view), then computes from the rollups — never a rescan of
/// history. At start the whole log is folded once (a few seconds for a million facts).
public actor PilotageService {
    let store: any Store
    let clock: any ServerClock
    private var cube = CubePilotage()
    private var curseur: Int64 = 0
    private var sequence: Int64 = 0
    static let page = 20_000

    public init(store: any Store, clock: any ServerClock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// Folds the facts committed since the last call; returns how many.
    @discardableResult
    public func rafraichir() async throws -> Int {
        var total = 0
        while true {
            let apres = curseur
            let (faits, maxSeq) = try await store.read { tx in (try tx.faits(after: apres, limit: Self.page), try tx.maxSeq()) }
            for (id, f) in faits {
                cube.integrer(f)
                curseur = id
            }
            total += faits.count
            if faits.count < Self.page {
                // Read in the same snapshot as the last page: every change up to `maxSeq` has its facts folded.
                sequence = maxSeq
                return total
            }
        }
    }

    /// The last server sequence folded.
    public var arreteALaSequence: Int64 { sequence }
    public var nombreFaits: Int { cube.nombreFaits }

    public func indicateurs(_ r: RequetePilotage) async throws -> Indicateurs {
        try await indicateursEtGuichets(r).0
    }

    /// The figures and the network they were computed over (the page's filters list those guichets), read once.
    public func indicateursEtGuichets(_ r: RequetePilotage) async throws -> (Indicateurs, [Guichet]) {
        try await rafraichir()
        let (lignes, devices) = try await store.read { tx in (try tx.guichets(), try tx.devices(guichetCode: nil)) }
        let reseau = Self.sante(guichets: lignes, devices: devices)
        let guichets = lignes.filter { $0.revokedAt == nil }.map(\.guichet)
        return (cube.calculer(r, guichets: guichets, reseau: reseau, maintenant: clock.now(), arreteALaSequence: sequence), guichets)
    }

    /// Each guichet's sync health from its devices' last contact and what they reported.
    static func sante(guichets: [GuichetRow], devices: [DeviceRow]) -> [SanteGuichet] {
        let parGuichet = Dictionary(grouping: devices.filter { $0.revokedAt == nil }, by: \.guichetCode)
        return guichets.filter { $0.revokedAt == nil }.map { row in
            let d = parGuichet[row.guichet.code] ?? []
            return SanteGuichet(code: row.guichet.code, nom: row.guichet.nom, niveau: row.guichet.niveau.rawValue, appareils: d.count,
                                derniereSynchro: d.compactMap(\.lastSeenAt).max(), commandesEnAttente: d.compactMap(\.pendingCommands).reduce(0, +),
                                piecesEnAttente: d.compactMap(\.pendingPieces).reduce(0, +), horlogeSignalee: d.contains { $0.clockFlaggedAt != nil },
                                enroleLe: d.map(\.createdAt).min())
        }
    }
}
