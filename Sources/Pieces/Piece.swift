import Foundation

/// A pièce justificative of the dossier unique: metadata here, the bytes content-addressed by SHA-256 elsewhere.
public struct Piece: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var demandeId: UUID
    public var type: TypePiece
    /// Whose piece it is.
    public var personne: RefPersonne
    /// Lower-case hex SHA-256 of the file.
    public var sha256: String
    public var taille: Int
    public var mediaType: String
    public var recueLe: Date
    public var guichetCode: String
    public var statut: StatutPiece

    public init(
        id: UUID, demandeId: UUID, type: TypePiece, personne: RefPersonne = .demandeur, sha256: String, taille: Int,
        mediaType: String, recueLe: Date, guichetCode: String, statut: StatutPiece = .recue
    ) {
        self.id = id
        self.demandeId = demandeId
        self.type = type
        self.personne = personne
        self.sha256 = sha256
        self.taille = taille
        self.mediaType = mediaType
        self.recueLe = recueLe
        self.guichetCode = guichetCode
        self.statut = statut
    }

    /// True for a lower-case hex SHA-256 digest.
    public static func sha256EstValide(_ s: String) -> Bool {
        s.count == 64 && s.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}

/// Pieces are marked, never deleted (regional dossier unique guide): only `recue` and `valide` count as provided.
public enum StatutPiece: String, Sendable, Hashable, Codable, CaseIterable {
    case recue, valide, inexploitable, horsPerimetre, obsolete, doublon

    public var compte: Bool { self == .recue || self == .valide }
}

/// A person of the household: `demandeur`, `coDemandeur/0`, `personneACharge/2`.
public enum RefPersonne: Sendable, Hashable, Codable, CustomStringConvertible {
    case demandeur
    case coDemandeur(Int)
    case personneACharge(Int)

    public var description: String {
        switch self {
        case .demandeur: "demandeur"
        case .coDemandeur(let i): "coDemandeur/\(i)"
        case .personneACharge(let i): "personneACharge/\(i)"
        }
    }

    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        switch (parts.first, parts.count) {
        case ("demandeur", 1): self = .demandeur
        case ("coDemandeur", 2): guard let i = Int(parts[1]), i >= 0 else { return nil }; self = .coDemandeur(i)
        case ("personneACharge", 2): guard let i = Int(parts[1]), i >= 0 else { return nil }; self = .personneACharge(i)
        default: return nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let r = RefPersonne(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "personne attendue : demandeur, coDemandeur/N ou personneACharge/N"))
        }
        self = r
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension Demande {
    /// The person a reference names, or nil when the index is out of range.
    public func personne(_ ref: RefPersonne) -> Personne? {
        switch ref {
        case .demandeur: demandeur
        case .coDemandeur(let i): coDemandeurs.indices.contains(i) ? coDemandeurs[i].personne : nil
        case .personneACharge(let i): personnesACharge.indices.contains(i) ? personnesACharge[i] : nil
        }
    }

    /// Every person to house that the plafond counts, with its reference.
    public var personnesALoger: [(RefPersonne, Personne)] {
        [(.demandeur, demandeur)] + coDemandeurs.enumerated().map { (.coDemandeur($0.offset), $0.element.personne) }
            + personnesACharge.enumerated().map { (.personneACharge($0.offset), $0.element) }
    }
}
