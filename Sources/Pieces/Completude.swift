import Foundation

/// What is missing from a dossier, stage by stage. Registration may require the identity piece only
/// (R441-2-3, arrêté du 23 mars 2015 §3); instruction requires identity for each person and the avis d'imposition.
public enum Completude {
    /// Stage of the dossier.
    public enum Etape: String, Sendable, Hashable, Codable { case enregistrement, instruction }

    /// Missing pieces for `etape`, each with a French message, and the rate of expected pieces provided.
    public static func evaluer(_ demande: Demande, pieces: [Piece], etape: Etape, au jour: Jour) -> RapportCompletude {
        let fournies = pieces.filter { $0.statut.compte && $0.demandeId == demande.id }
        func a(_ ref: RefPersonne, _ types: Set<TypePiece>) -> Bool {
            fournies.contains { $0.personne == ref && types.contains($0.type) }
        }
        var attendues = 0
        var manquantes: [PieceManquante] = []
        func exiger(_ ref: RefPersonne, _ types: Set<TypePiece>, _ message: String) {
            attendues += 1
            if !a(ref, types) { manquantes.append(PieceManquante(personne: ref, types: types.sorted { $0.rawValue < $1.rawValue }, message: message)) }
        }

        let personnes = etape == .enregistrement ? [(RefPersonne.demandeur, demande.demandeur)] : demande.personnesALoger
        for (ref, p) in personnes {
            let qui = ref == .demandeur ? "du demandeur" : "de \(p.prenoms) \(p.nomNaissance)"
            let majeur = p.dateNaissance.ageRevolu(au: jour) >= 18
            if !majeur {
                exiger(ref, [.livretFamille, .acteNaissance, .pieceIdentite], "Livret de famille ou acte de naissance \(qui) manquant.")
            } else if p.nationalite == .horsUnionEuropeenne {
                exiger(ref, [.titreSejour], "Titre de séjour \(qui) manquant.")
            } else {
                // French nationals: ID card or passport even expired; EU/EEA/Swiss: valid ID.
                exiger(ref, [.pieceIdentite], "Pièce d'identité \(qui) manquante.")
            }
            guard etape == .instruction, majeur, ref == .demandeur || isCoDemandeur(ref) else { continue }
            // Name the avis by its issue year and the income year it covers: in 2026, the avis 2025 on the revenus 2024 (§7).
            exiger(ref, [.avisImpositionN2],
                "Avis d'imposition ou de non-imposition \(jour.annee - 1) sur les revenus \(jour.annee - 2) \(qui) manquant.")
            if demande.ressources.revenusFiscaux.n1Demande {
                exiger(ref, [.avisImpositionN1, .justificatifRevenus12Mois],
                    "Avis d'imposition sur les revenus \(jour.annee - 1) ou justificatifs des revenus des 12 derniers mois \(qui) manquants (revenus N-1 demandés).")
            }
        }
        if etape == .instruction {
            for (ref, p) in demande.personnesALoger where p.handicap {
                let qui = ref == .demandeur ? "du demandeur" : "de \(p.prenoms) \(p.nomNaissance)"
                exiger(ref, [.carteMobiliteInclusion], "Carte mobilité inclusion « invalidité » \(qui) manquante (elle justifie la catégorie de ménage).")
            }
        }
        return RapportCompletude(etape: etape, attendues: attendues, manquantes: manquantes)
    }

    private static func isCoDemandeur(_ ref: RefPersonne) -> Bool {
        if case .coDemandeur = ref { return true }
        return false
    }
}

/// The result of a completeness check.
public struct RapportCompletude: Sendable, Hashable, Codable {
    public let etape: Completude.Etape
    public let attendues: Int
    public let manquantes: [PieceManquante]

    public var complet: Bool { manquantes.isEmpty }
    /// Share of expected pieces provided, from 0 to 1.
    public var taux: Double { attendues == 0 ? 1 : Double(attendues - manquantes.count) / Double(attendues) }
}

/// One missing piece: whose, which types would do, and what to tell the agent.
public struct PieceManquante: Sendable, Hashable, Codable {
    public let personne: RefPersonne
    public let types: [TypePiece]
    public let message: String
}
