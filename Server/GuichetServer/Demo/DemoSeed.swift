import Foundation
import GuichetDomain
import GuichetProtocol

/// Loads a synthetic métropole (`MetropoleSynthetique`) into a store: guichets, demandes with their numéros
/// uniques and scopes, offers, accueil events and pièce metadata — through the same stream devices pull.
/// Refuses a store that already holds demandes unless forced: it must never mix with real data.
public enum DemoSeed {
    public struct Rapport: Sendable, Codable, Hashable {
        public var guichets = 0
        public var demandes = 0
        public var offres = 0
        public var accueils = 0
        public var pieces = 0
    }

    public static func seed(_ store: any Store, demandes: Int, offres: Int, graine: UInt64, force: Bool, now: Date = Date()) async throws -> Rapport {
        let existantes = try await store.read { tx in try tx.scopeVersions(guichetCode: nil).count }
        guard existantes == 0 || force else {
            throw AdminError(code: "nonVide", message: "La base contient déjà \(existantes) demande(s) : le jeu de démonstration ne s'y mélange pas (--force pour passer outre).")
        }
        let jour = Jour(now, timeZone: .paris)
        let metropole = MetropoleSynthetique.generer(demandes: demandes, offres: offres, graine: graine, au: jour,
                                                     referentiel: try ReferentielCommunes.chargerMetropole())
        var rapport = Rapport()
        rapport.guichets = try await store.write { tx in
            var n = 0
            for g in metropole.guichets where try tx.guichet(code: g.code) == nil {
                try tx.insertGuichet(GuichetRow(guichet: g, createdAt: now))
                n += 1
            }
            return n
        }
        let piecesParDemande = Dictionary(grouping: metropole.pieces, by: \.demandeId)
        for lot in stride(from: 0, to: metropole.demandes.count, by: 1000) {
            let tranche = Array(metropole.demandes[lot..<min(lot + 1000, metropole.demandes.count)])
            try await store.write { tx in
                for s in tranche {
                    let snapshot = DemandeSnapshot(demande: s.demande, version: 1, guichetOrigine: s.guichetCode)
                    let seq = try tx.appendChange(NewChange(visibility: .demande, demandeId: s.demande.id) { seq in
                        try WireCoding.encoder.encode(Change(seq: seq, body: .demande(snapshot)))
                    })
                    try tx.upsertDemande(DemandeRow(demande: s.demande, version: 1, guichetOrigine: s.guichetCode, updatedSeq: seq,
                                                    fieldOrigins: ["": ConflictNotice.Origin(device: "demo", guichet: s.guichetCode, agent: "demo")]))
                    _ = try tx.addToScope(demandeId: s.demande.id, guichetCode: s.guichetCode, seq: seq)
                    if let nur = s.demande.numeroUnique, let depot = s.demande.dates.depot {
                        try tx.ensureNumeroCounter(territoire: nur.territoire, mois: String(format: "%04d-%02d", depot.annee, depot.mois), atLeast: nur.sequence)
                    }
                    var pieces: [Piece] = []
                    for p in piecesParDemande[s.demande.id] ?? [] {
                        let piece = Piece(id: p.id, demandeId: p.demandeId, type: p.type, personne: p.personne, sha256: p.sha256, taille: p.taille,
                                          mediaType: p.mediaType, recueLe: p.recueLe, guichetCode: p.guichetCode)
                        pieces.append(piece)
                        let pseq = try tx.appendChange(NewChange(visibility: .demande, demandeId: piece.demandeId) { seq in
                            try WireCoding.encoder.encode(Change(seq: seq, body: .piece(piece)))
                        })
                        try tx.insertPiece(PieceRow(piece: piece, deviceId: "demo", seq: pseq))
                        try tx.appendFait(.piece(piece, recuLe: now))
                    }
                    // The pièces just written, from memory: no read back per demande.
                    for f in FaitPilotage.historique(s.demande, guichetOrigine: s.guichetCode, pieces: pieces, recuLe: now) {
                        try tx.appendFait(f)
                    }
                }
            }
        }
        rapport.demandes = metropole.demandes.count
        rapport.pieces = metropole.pieces.count
        for lot in stride(from: 0, to: metropole.accueils.count, by: 2000) {
            let tranche = Array(metropole.accueils[lot..<min(lot + 2000, metropole.accueils.count)])
            try await store.write { tx in
                for a in tranche {
                    let seq = try tx.appendChange(NewChange(visibility: .guichet, guichetCode: a.guichetCode, demandeId: a.demandeId, forAll: true) { seq in
                        try WireCoding.encoder.encode(Change(seq: seq, body: .accueil(a)))
                    })
                    try tx.insertAccueil(AccueilRow(accueil: a, demandeId: a.demandeId, deviceId: "demo", receivedAt: now, seq: seq))
                    try tx.appendFait(.accueil(a, recuLe: now))
                }
            }
        }
        rapport.accueils = metropole.accueils.count
        try await store.write { tx in
            for o in metropole.offres {
                try tx.upsertOffre(o)
                try tx.appendOffreEvent(OffreEvent(offreId: o.id, at: now, par: "demo", type: "publiee"))
                try tx.appendFait(.offre(o, evenement: "publiee", jour: min(jour, o.disponibleLe.ajoutant(mois: -1)), recuLe: now))
            }
            try tx.appendAudit(AuditEntry(at: now, deviceId: nil, guichetCode: nil, agent: "cli", hlc: nil, commandNumber: nil, action: "demo.seed",
                                          entityId: nil, outcome: "applied", details: "demandes \(demandes), offres \(offres), graine \(graine)"))
        }
        rapport.offres = metropole.offres.count
        return rapport
    }
}
