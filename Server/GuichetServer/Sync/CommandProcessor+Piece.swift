import Foundation
import GuichetDomain
import GuichetProtocol

extension CommandProcessor {
    func attach(_ a: AttachPiece, _ command: Command) throws -> AppliedResult {
        try exiger(.recevoirPiece)
        guard Piece.sha256EstValide(a.sha256), a.taille > 0 else {
            throw Refus(rejection: Rejection(code: .pieceIncoherente, message: "Empreinte SHA-256 ou taille de la pièce invalide."))
        }
        if let existing = try tx.piece(id: a.pieceId) {
            throw Refus(rejection: Rejection(code: .identifiantDejaUtilise,
                message: "La pièce \(existing.piece.id.uuidString.lowercased()) est déjà enregistrée."))
        }
        let row = try demandeQuelconque(a.demande)
        guard row.demande.personne(a.personne) != nil else {
            throw Refus(rejection: Rejection(code: .pieceIncoherente,
                message: "La personne « \(a.personne) » n'existe pas dans la demande \(row.demande.numeroUnique?.valeur ?? "")."))
        }
        // Accepted only once the bytes are complete and verified; until then the device sends it again later.
        guard let blob = try tx.blob(sha256: a.sha256) else { throw PasEncore() }
        guard blob.size == Int64(a.taille) else {
            throw Refus(rejection: Rejection(code: .pieceIncoherente,
                message: "La taille annoncée (\(a.taille) octets) ne correspond pas au fichier reçu (\(blob.size) octets)."))
        }
        let piece = Piece(id: a.pieceId, demandeId: row.demande.id, type: a.type, personne: a.personne, sha256: a.sha256, taille: a.taille,
                          mediaType: a.mediaType, recueLe: a.recueLe, guichetCode: guichet.code)
        let seq = try tx.appendChange(NewChange(visibility: .demande, demandeId: row.demande.id) { seq in
            try WireCoding.encoder.encode(Change(seq: seq, body: .piece(piece)))
        })
        try tx.insertPiece(PieceRow(piece: piece, deviceId: context.device.id, seq: seq))
        try tx.appendFait(.piece(piece, recuLe: now))
        // Completeness may have changed: the stock sees the demande's new state.
        try tx.appendFait(.etat(row.demande, guichetOrigine: row.guichetOrigine, pieces: try tx.pieces(demandeId: row.demande.id), guichet: nil,
                                jour: today, recuLe: now))
        try joinScope(row, seq: seq)
        try audit(command, entity: piece.id.uuidString.lowercased(), details: "type: \(a.type.rawValue); demande: \(row.demande.id.uuidString.lowercased())")
        return AppliedResult(entityId: piece.id, version: row.version, numeroUnique: row.demande.numeroUnique, seq: seq)
    }

    func record(_ r: RecordAccueil, _ command: Command) throws -> AppliedResult {
        var accueil = r.accueil
        if try tx.accueilExists(id: accueil.id) {
            throw Refus(rejection: Rejection(code: .identifiantDejaUtilise,
                message: "L'accueil \(accueil.id.uuidString.lowercased()) est déjà enregistré."))
        }
        for action in accueil.actionsRequises.sorted(by: { $0.rawValue < $1.rawValue }) { try exiger(action) }
        guard accueil.guichetCode == guichet.code else {
            throw Refus(rejection: Rejection(code: .guichetIncoherent,
                message: "L'accueil est déclaré au guichet \(accueil.guichetCode) mais l'appareil appartient au guichet \(guichet.code)."))
        }
        var demandeRow: DemandeRow?
        if accueil.demandeId != nil || accueil.numeroUnique != nil {
            let ref = accueil.demandeId.map(DemandeRef.init(id:)) ?? DemandeRef(numeroUnique: accueil.numeroUnique!)
            var row = try demandeQuelconque(ref)
            if accueil.demandeId == nil, let nur = accueil.numeroUnique, row.demande.numeroUnique != nur {
                row = try demandeQuelconque(DemandeRef(numeroUnique: nur))
            }
            accueil.demandeId = row.demande.id
            accueil.numeroUnique = row.demande.numeroUnique
            demandeRow = row
        }
        let stored = accueil
        let seq = try tx.appendChange(NewChange(visibility: .guichet, guichetCode: guichet.code, demandeId: stored.demandeId, forAll: true) { seq in
            try WireCoding.encoder.encode(Change(seq: seq, body: .accueil(stored)))
        })
        try tx.insertAccueil(AccueilRow(accueil: stored, demandeId: stored.demandeId, deviceId: context.device.id, receivedAt: now, seq: seq))
        try tx.appendFait(.accueil(stored, recuLe: now))
        if let row = demandeRow { try joinScope(row, seq: seq) }
        try audit(command, entity: stored.id.uuidString.lowercased(), details: "type: \(stored.type.rawValue)")
        return AppliedResult(entityId: stored.id, seq: seq)
    }
}
