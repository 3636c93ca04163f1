import Foundation

// The bridge from the CERFA demande to the ceiling rules (docs/DOMAIN.md §6–7): who counts, on which day, which year.
extension Demande {
    /// The household as the ceiling rules count it: demandeur, co-demandeurs, personnes à charge and droit-de-visite children.
    ///
    /// Children under a droit de visite et d'hébergement count as persons but not as à charge (CCH L442-12 as amended by
    /// the loi ÉLAN, docs/DOMAIN.md §6.2): they are `.autreOccupant`. `enfantsANaitre` is not counted (no rule read).
    public func compositionMenage() -> CompositionMenage {
        func membre(_ personne: Personne, _ role: PersonneMenage.Role) -> PersonneMenage {
            PersonneMenage(role: role, dateNaissance: personne.dateNaissance.debut(timeZone: .paris), handicap: personne.handicap)
        }
        let personnes = [membre(demandeur, .demandeur)]
            + coDemandeurs.map { membre($0.personne, .coDemandeur) }
            + personnesACharge.map { membre($0, .personneACharge) }
            + enfantsDroitDeVisite.map { membre($0, .autreOccupant) }
        // A couple: one co-demandeur married, pacsé or concubin of the demandeur (others may be ascendants, siblings…).
        let estCouple = coDemandeurs.filter(\.lien.estCouple).count == 1
        return CompositionMenage(personnes: personnes, estCouple: estCouple)
    }

    /// The catégorie de ménage on `jour`, ages counted in Europe/Paris (docs/DOMAIN.md §6.4).
    public func categorieMenage(au jour: Jour) -> CategorieMenage {
        CategorieMenage.calculer(compositionMenage(), au: jour.debut(timeZone: .paris), calendar: Demande.calendrierParis)
    }

    /// Whether the household's declared income is within the ceiling of `financement` in `zone`, with the ceilings of `jour.annee`.
    ///
    /// When `ressources.separationEnCours` (CCH L441-1 al. 2), only the demandeur's own resources count: the RFR entered in
    /// `ressources.revenusFiscaux` must then be the demandeur's own, which the agent checks; nothing is recomputed here.
    public func eligibilite(financement: Financement, zone: ZonePlafond, au jour: Jour, table: TablePlafonds) -> Eligibilite {
        Eligibilite.verifier(
            revenus: ressources.revenusFiscaux, categorie: categorieMenage(au: jour), zone: zone, financement: financement,
            annee: jour.annee, table: table)
    }

    private static let calendrierParis: Calendar = {
        var calendrier = Calendar(identifier: .gregorian)
        calendrier.timeZone = .paris
        return calendrier
    }()
}
