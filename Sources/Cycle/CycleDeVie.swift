import Foundation

/// The state machine of a demande: every legal transition and its preconditions; anything else is a typed error.
///
///     brouillon ─deposer→ déposée ─enregistrer→ enregistrée ─renouveler→ renouvelée ⟲
///     enregistrée|renouvelée ─attribuer→ attribuée          (terminal)
///     déposée|enregistrée|renouvelée ─radier→ radiée ─reactiver→ renouvelée (non-renouvellement ≤ t+18 mois,
///                                                                            non-réponse ≤ radiation + 5 mois)
public enum CycleDeVie {
    /// Applies `transition` to `demande` as of `aujourdhui` (the server's civil day, Europe/Paris).
    /// - Throws: `TransitionInterdite` naming why.
    public static func appliquer(
        _ transition: TransitionDemande, a demande: Demande, aujourdhui: Jour
    ) throws(TransitionInterdite) -> Demande {
        var d = demande
        func refus(_ code: TransitionInterdite.Code, _ message: String) -> TransitionInterdite {
            TransitionInterdite(code: code, depuis: demande.statut, transition: transition.nom, message: message)
        }
        func exiger(_ etats: Set<StatutDemande>) throws(TransitionInterdite) {
            guard etats.contains(demande.statut) else {
                let attendus = etats.map(\.libelle).sorted().joined(separator: " ou ")
                throw refus(.etatIncompatible, "La demande est \(demande.statut.libelle) : cette opération exige une demande \(attendus).")
            }
        }
        func pasDansLeFutur(_ le: Jour) throws(TransitionInterdite) {
            guard le <= aujourdhui else { throw refus(.dateFuture, "La date \(le.affichage) est dans le futur.") }
        }
        func pasAvant(_ le: Jour, _ reference: Jour?, _ evenement: String) throws(TransitionInterdite) {
            if let reference, le < reference {
                throw refus(.dateAnterieure, "La date \(le.affichage) précède \(evenement) (\(reference.affichage)).")
            }
        }

        switch transition {
        case .deposer(let le):
            try exiger([.brouillon])
            try pasDansLeFutur(le)
            d.statut = .deposee
            d.dates.depot = le

        case .enregistrer(let numero, let le):
            try exiger([.deposee])
            try pasDansLeFutur(le)
            if let depot = demande.dates.depot, le < depot {
                throw refus(.dateAnterieure, "L'enregistrement (\(le.affichage)) ne peut précéder le dépôt (\(depot.affichage)).")
            }
            d.statut = .enregistree
            d.numeroUnique = numero
            d.dates.enregistrement = le

        case .renouveler(let le):
            try exiger([.enregistree, .renouvelee])
            try pasDansLeFutur(le)
            guard let e = Echeances(demande) else {
                throw refus(.etatIncompatible, "La demande n'a pas de date de dépôt.")
            }
            if le < e.ouvertureRenouvellement {
                throw refus(.renouvellementPasEncoreOuvert,
                    "Le renouvellement n'est possible qu'à partir du \(e.ouvertureRenouvellement.affichage) (10e mois).")
            }
            if le >= e.radiationAutomatique {
                throw refus(.delaiDepasse,
                    "Le délai de renouvellement a expiré le \(e.radiationAutomatique.ajoutant(jours: -1).affichage) : la demande doit être radiée puis réactivée.")
            }
            d.statut = .renouvelee
            d.dates.dernierRenouvellement = le

        case .attribuer(let le):
            try exiger([.enregistree, .renouvelee])
            try pasDansLeFutur(le)
            try pasAvant(le, demande.dates.enregistrement ?? demande.dates.depot, "l'enregistrement de la demande")
            d.statut = .attribuee
            d.dates.attribution = le

        case .radier(let radiation):
            try exiger([.deposee, .enregistree, .renouvelee])
            try pasDansLeFutur(radiation.le)
            try pasAvant(radiation.le, demande.dates.depot, "le dépôt de la demande")
            switch (radiation.motif, radiation.sousMotif) {
            case (.irrecevabilite, nil):
                throw refus(.sousMotifManquant, "L'irrecevabilité exige un sous-motif : dépassement des plafonds ou irrégularité du séjour.")
            case (.irrecevabilite, _), (_, nil):
                break
            case (_, .some):
                throw refus(.sousMotifInattendu, "Seule l'irrecevabilité porte un sous-motif.")
            }
            if radiation.motif == .nonRenouvellement {
                guard let e = Echeances(demande), radiation.le >= e.radiationAutomatique else {
                    let date = Echeances(demande)?.radiationAutomatique.affichage ?? "—"
                    throw refus(.radiationPrematuree, "La radiation pour non-renouvellement n'intervient qu'à partir du \(date).")
                }
            }
            d.statut = .radiee
            d.radiation = radiation
            d.dates.radiation = radiation.le

        case .reactiver(let le):
            try exiger([.radiee])
            try pasDansLeFutur(le)
            guard let radiation = demande.radiation else { throw refus(.etatIncompatible, "Radiation inconnue.") }
            let limite: Jour
            switch radiation.motif {
            case .nonRenouvellement:
                guard let e = Echeances(demande) else { throw refus(.etatIncompatible, "La demande n'a pas de date de dépôt.") }
                limite = e.limiteReactivation
            case .nonReponse:
                // Systèmes particuliers: reactivation during 5 months after the radiation (arrêté 23 mars 2015 §6.5).
                limite = radiation.le.ajoutant(mois: 5)
            default:
                throw refus(.motifNonReactivable, "Une demande radiée pour « \(radiation.motif.libelle) » ne peut être réactivée : une nouvelle demande est nécessaire.")
            }
            try pasAvant(le, radiation.le, "la radiation")
            guard le <= limite else {
                throw refus(.delaiDepasse, "La réactivation n'était possible que jusqu'au \(limite.affichage) : une nouvelle demande (nouveau numéro unique) est nécessaire.")
            }
            d.statut = .renouvelee
            d.radiation = nil
            d.dates.radiation = nil
            d.dates.dernierRenouvellement = le
        }
        return d
    }

    /// True when the demande must be radiated for non-renewal on `jour` (the server's daily job).
    public static func doitEtreRadieePourNonRenouvellement(_ demande: Demande, au jour: Jour) -> Bool {
        guard demande.estActive, let e = Echeances(demande) else { return false }
        return jour >= e.radiationAutomatique
    }
}
