import Foundation

/// The current dwelling, CERFA page 8 (at least one situation is required; F23 is mandatory).
public struct LogementActuel: Sendable, Hashable, Codable {
    public var situation: SituationLogement
    /// Number of persons living in the current dwelling (F23, mandatory: drives sur-occupation).
    public var nombreOccupants: Int
    /// Habitable surface in m², when known (sur-occupation thresholds 9/16/+9 m²).
    public var surfaceHabitable: Int?
    public var nombrePieces: Int?
    public var loyer: Euros?
    public var charges: Euros?
    /// Monthly APL/AL received (F25).
    public var aideLogement: Euros?
    /// Name and SIREN of the current HLM bailleur (F3/F4).
    public var bailleurNom: String?
    public var bailleurSiren: String?
    /// Non-décent (F26, proven by CAF/MSA or judge) and indigne (F27, arrêté).
    public var nonDecent: Bool
    public var indigne: Bool

    public init(
        situation: SituationLogement, nombreOccupants: Int, surfaceHabitable: Int? = nil, nombrePieces: Int? = nil,
        loyer: Euros? = nil, charges: Euros? = nil, aideLogement: Euros? = nil, bailleurNom: String? = nil,
        bailleurSiren: String? = nil, nonDecent: Bool = false, indigne: Bool = false
    ) {
        self.situation = situation
        self.nombreOccupants = nombreOccupants
        self.surfaceHabitable = surfaceHabitable
        self.nombrePieces = nombrePieces
        self.loyer = loyer
        self.charges = charges
        self.aideLogement = aideLogement
        self.bailleurNom = bailleurNom
        self.bailleurSiren = bailleurSiren
        self.nonDecent = nonDecent
        self.indigne = indigne
    }
}

/// Housing situations of CERFA page 8.
public enum SituationLogement: String, Sendable, Hashable, Codable, CaseIterable {
    case locataireHLM, locatairePrive, sousLocataire, proprietaire, hebergeParents, hebergeTiers,
        structureHebergement, logementTemporaire, logementFoyer, residenceEtudiante, hotel, habitatMobile, sansAbri,
        autre

    /// Without a dwelling of one's own (L441-1 h: sans logement, including hébergés chez des tiers).
    public var estSansLogementPropre: Bool {
        switch self {
        case .hebergeParents, .hebergeTiers, .structureHebergement, .hotel, .sansAbri, .habitatMobile: true
        default: false
        }
    }
}
