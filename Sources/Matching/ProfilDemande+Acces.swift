import Foundation

/// The public accessors of a profile's plain-value core.
extension ProfilDemande {
    /// Enregistrée or renouvelée: the only demandes the rapprochement proposes.
    public var actif: Bool { noyau.actif }
    /// Date de dépôt initial (nil for a demande never deposited).
    public var depot: Jour? { noyau.depot }
    /// Reference day of this profile (ancienneté, ages, year of the ceilings).
    public var jourReference: Jour { noyau.jourReference }
    /// Whole months from the dépôt to `jourReference`.
    public var ancienneteMois: Int { noyau.ancienneteMois }
    /// Ancienneté in whole months on `jour`.
    public func ancienneteMois(au jour: Jour) -> Int { noyau.ancienneteMois(au: jour) }
    /// The amount of `revenu` in whole euros, nil when it cannot be determined.
    public var revenuRetenu: Int? { noyau.revenuRetenu }
    /// The household's ceilings for `jourReference.annee`, by financement and zone (nil when that year is not loaded).
    public var plafonds: PlafondsMenage? { noyau.plafonds }
    /// Monthly resources of the demandeur, co-demandeurs and personnes à charge (form boxes E7/E8, no APL).
    public var ressourcesMensuelles: Euros { noyau.ressourcesMensuelles }
    /// Persons to house (box G2; counted from the household when G2 is not filled).
    public var personnes: Int { noyau.personnes }
    /// Fiscal dependants.
    public var nombrePersonnesACharge: Int { noyau.nombrePersonnesACharge }
    /// No co-demandeur and at least one minor personne à charge.
    public var parentIsole: Bool { noyau.parentIsole }
    /// Typologies sought.
    public var typologies: MasqueTypologies { noyau.typologies }
    /// First typology listed by the demande (for `Positionnement`).
    public var premiereTypologie: Typologie? { noyau.premiereTypologie }
    /// First commune wished (for `Positionnement`).
    public var premiereCommune: CodeCommune? { noyau.premiereCommune }
    /// Accepts communes beyond those listed (see `Filtre.commune`).
    public var elargissement: Bool { noyau.elargissement }
    /// Maximum monthly housing cost stated by the household.
    public var loyerMaximum: Euros? { noyau.loyerMaximum }
    /// Accessibility need.
    public var accessibilite: BesoinAccessibilite { noyau.accessibilite }
    /// Needs a lift above the ground floor.
    public var ascenseurRequis: Bool { noyau.ascenseurRequis }
    /// Highest floor accepted.
    public var etageMaximum: Int? { noyau.etageMaximum }
    /// Current dwelling, as the cotation uses it.
    public var logement: LogementActuelProfil { noyau.logement }
    /// L441-1 priorities declared.
    public var prioritesDeclarees: MasquePriorites { noyau.prioritesDeclarees }
    /// L441-1 priorities validated by a niveau-3 point or the métropole (`PrioriteDeclaree.estValidee`).
    public var prioritesValidees: MasquePriorites { noyau.prioritesValidees }
    /// Recognised prioritaire et urgent by the commission de médiation.
    public var dalo: Bool { noyau.dalo }
    /// At least one person of the household holds the CMI invalidité.
    public var handicapMenage: Bool { noyau.handicapMenage }
    /// Motifs of the demande.
    public var motifs: MasqueMotifs { noyau.motifs }
}
