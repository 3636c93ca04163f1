import Foundation
import GuichetDomain
import GuichetProtocol

/// The compact profiles matching scans, kept current from the change stream: each call first folds in the demande
/// snapshots committed since its cursor, so the database is read once per change, never per match.
public actor MatchingIndex {
    let store: any Store
    let table: TablePlafonds
    let clock: any ServerClock
    private var profils: [ProfilDemande] = []
    private var position: [UUID: Int] = [:]
    private var cursor: Int64 = 0
    private var annee: Int?
    /// Demandes satisfied (attribuée): first typologie and commune sought, months from dépôt to attribution.
    private var satisfaites: [UUID: DemandeSatisfaite] = [:]

    public init(store: any Store, table: TablePlafonds, clock: any ServerClock) {
        self.store = store
        self.table = table
        self.clock = clock
    }

    /// Profiles of every demande at the server's latest sequence (the ranking keeps only active ones).
    public func profilsAJour() async throws -> [ProfilDemande] {
        let jour = Jour(clock.now(), timeZone: .paris)
        // Ceilings change on 1 January: rebuild the profiles with the new year's table.
        if annee != jour.annee {
            profils = []
            position = [:]
            satisfaites = [:]
            cursor = 0
            annee = jour.annee
        }
        while true {
            let after = cursor
            let rows = try await store.read { tx in try tx.demandeSnapshots(after: after, limit: 5000) }
            for (seq, data) in rows {
                cursor = seq
                guard case .demande(let s) = try WireCoding.decoder.decode(Change.self, from: data).body else { continue }
                let d = s.demande
                if d.statut == .attribuee, let depot = d.dates.depot, let le = d.dates.attribution,
                    let t = d.logementRecherche.typologies.first, let c = d.logementRecherche.communes.first {
                    satisfaites[d.id] = DemandeSatisfaite(typologie: t, communeInsee: c, moisAttente: depot.moisRevolus(jusqua: le))
                }
                let profil = ProfilDemande(demande: s.demande, table: table, au: jour)
                if let i = position[s.demande.id] { profils[i] = profil } else {
                    position[s.demande.id] = profils.count
                    profils.append(profil)
                }
            }
            if rows.count < 5000 { return profils }
        }
    }

    /// Satisfied demandes, for the average waiting time of similar demandes (a PPGD indicator).
    public func satisfaitesAJour() async throws -> [DemandeSatisfaite] {
        _ = try await profilsAJour()
        return Array(satisfaites.values)
    }

    /// The profile of one demande, or nil.
    public func profil(_ id: UUID) async throws -> ProfilDemande? {
        let all = try await profilsAJour()
        return position[id].map { all[$0] }
    }
}
