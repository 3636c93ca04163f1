import Foundation

/// A person of the household, as on CERFA 14069 pages 1–5.
public struct Personne: Sendable, Hashable, Codable {
    public var civilite: Civilite?
    public var nomNaissance: String
    public var nomUsage: String?
    public var prenoms: String
    public var dateNaissance: Jour
    public var nationalite: Nationalite
    /// NIR (15 characters with its key), mandatory for every adult who will live in the home (R441-2-2 a).
    public var nir: String?
    /// Holder of the carte mobilité inclusion mention « invalidité » (raises the catégorie de ménage).
    public var handicap: Bool
    public var situationProfessionnelle: SituationProfessionnelle?
    /// Monthly net resources by type, excluding APL/ALS/ALF (form boxes E7/E8).
    public var revenusMensuels: [RevenuMensuel]

    public init(
        civilite: Civilite? = nil, nomNaissance: String, nomUsage: String? = nil, prenoms: String, dateNaissance: Jour,
        nationalite: Nationalite = .francaise, nir: String? = nil, handicap: Bool = false,
        situationProfessionnelle: SituationProfessionnelle? = nil, revenusMensuels: [RevenuMensuel] = []
    ) {
        self.civilite = civilite
        self.nomNaissance = nomNaissance
        self.nomUsage = nomUsage
        self.prenoms = prenoms
        self.dateNaissance = dateNaissance
        self.nationalite = nationalite
        self.nir = nir
        self.handicap = handicap
        self.situationProfessionnelle = situationProfessionnelle
        self.revenusMensuels = revenusMensuels
    }

    /// Total of the monthly resources declared for this person.
    public var totalRevenusMensuels: Euros { revenusMensuels.reduce(.zero) { $0 + $1.montant } }
}

public enum Civilite: String, Sendable, Hashable, Codable, CaseIterable {
    case madame, monsieur
}

/// What decides which identity piece is valid (arrêté du 23 mars 2015 §3).
public enum Nationalite: String, Sendable, Hashable, Codable, CaseIterable {
    case francaise, unionEuropeenne, horsUnionEuropeenne
}

/// Professional situation, CERFA page 6 (boxes D2–D11).
public enum SituationProfessionnelle: String, Sendable, Hashable, Codable, CaseIterable {
    case salariePrive, agentEtat, agentHospitalier, agentCollectivite, etudiantApprenti, assistantFamilialMaternel,
        independant, chomage, retraite, autre
}

/// A monthly resource line.
public struct RevenuMensuel: Sendable, Hashable, Codable {
    public var type: TypeRevenu
    public var montant: Euros
    public init(type: TypeRevenu, montant: Euros) {
        self.type = type
        self.montant = montant
    }
}

/// Types of monthly resources on CERFA page 7.
public enum TypeRevenu: String, Sendable, Hashable, Codable, CaseIterable {
    case salaire, indemnitesChomage, retraite, pensionInvalidite, allocationsFamiliales, rsa, aah, pensionAlimentaireRecue,
        bourse, primeActivite, autre
}

/// Link of a co-demandeur with the demandeur (boxes B2–B7).
public enum LienCoDemandeur: String, Sendable, Hashable, Codable, CaseIterable {
    case marie, pacse, concubin, ascendant, descendant, fratrie

    /// Married, PACS or concubins: a couple in the sense of the catégorie de ménage rules.
    public var estCouple: Bool { self == .marie || self == .pacse || self == .concubin }
}

/// A co-demandeur (page 2), who files no separate demande.
public struct CoDemandeur: Sendable, Hashable, Codable {
    public var personne: Personne
    public var lien: LienCoDemandeur
    public init(personne: Personne, lien: LienCoDemandeur) {
        self.personne = personne
        self.lien = lien
    }
}

/// Family situation of the demandeur.
public enum SituationFamiliale: String, Sendable, Hashable, Codable, CaseIterable {
    case celibataire, marie, pacse, concubinage, divorce, separe, veuf
}
