import Foundation

/// The hard filters, explained: the verdict of the fast path with the values compared, in French, built only for
/// the candidates returned and for « why not » queries.
extension Filtres {
    /// Every filter, in `Filtre.allCases` order.
    static func expliquerTout(_ p: ProfilDemande, _ c: ContexteOffre) -> [ResultatFiltre] {
        Filtre.allCases.map { expliquer($0, p, c) }
    }

    /// One filter, with its values.
    static func expliquer(_ filtre: Filtre, _ p: ProfilDemande, _ c: ContexteOffre) -> ResultatFiltre {
        let passe = withUnsafePointer(to: p) { Filtres.passe(filtre, $0, c) }
        let valeurs: String
        switch filtre {
        case .plafond: valeurs = valeursPlafond(p, c)
        case .commune: valeurs = valeursCommune(p, c, passe: passe)
        case .typologie:
            let liste = p.typologies.estVide ? "aucune" : p.typologies.typologies.map(\.rawValue).joined(separator: ", ")
            valeurs = "\(c.offre.typologie.rawValue) \(passe ? "parmi" : "hors de") les typologies recherchées (\(liste))"
        case .occupation:
            let personnes = p.personnes > 1 ? "\(p.personnes) personnes" : "\(p.personnes) personne"
            if let bornes = c.occupation {
                let regle = "règle \(bornes.lowerBound) à \(bornes.upperBound) personne\(bornes.upperBound > 1 ? "s" : "")"
                valeurs = "\(personnes) à loger pour un \(c.offre.typologie.rawValue) : \(regle)"
                    + (passe ? "" : ", hors bornes")
            } else {
                valeurs = "\(personnes) à loger ; aucune règle d'occupation pour \(c.offre.typologie.rawValue)"
            }
        case .accessibilite: valeurs = valeursAccessibilite(p, c)
        case .loyer: valeurs = valeursLoyer(p, c)
        }
        return ResultatFiltre(filtre: filtre, passe: passe, valeurs: valeurs)
    }

    private static func valeursPlafond(_ p: ProfilDemande, _ c: ContexteOffre) -> String {
        let annee = c.jour.annee
        switch Eligibilite.verifier(
            revenus: p.revenusFiscaux, categorie: p.categorie, zone: c.zone, financement: c.offre.financement,
            annee: annee, table: c.table)
        {
        case let .eligible(revenu, plafond):
            var libelle = "Revenu retenu"
            if case let .retenu(r) = p.revenusFiscaux.revenuRetenu(pourAnnee: annee) { libelle = r.libelle }
            return "\(libelle) (\(revenu.enEuros)) inférieur ou égal au plafond \(c.offre.financement.libelle) \(annee) "
                + "\(p.categorie.libelle) zone \(c.zone.libelle) (\(plafond.enEuros))"
        case let .nonEligible(_, _, motif): return motif
        case let .indeterminee(motif): return "Non vérifiable, refusé : \(motif)"
        }
    }

    private static func valeursCommune(_ p: ProfilDemande, _ c: ContexteOffre, passe: Bool) -> String {
        let souhaitees = p.communes.codes.isEmpty ? "aucune" : p.communes.codes.map(\.description).joined(separator: ", ")
        let commune = c.libelleCommune
        if let code = c.code, p.communes.contient(code) {
            return "\(commune) parmi les communes souhaitées (\(souhaitees))"
        }
        let base = "\(commune) hors des communes souhaitées (\(souhaitees))"
        if !p.elargissement { return base + ", élargissement refusé" }
        if passe { return base + ", élargissement accepté à toute la métropole" }
        return base + ", élargissement accepté mais commune hors de la métropole"
    }

    private static func valeursAccessibilite(_ p: ProfilDemande, _ c: ContexteOffre) -> String {
        let o = c.offre
        var parties = [
            "besoin « \(p.accessibilite.rawValue) », logement « \(o.accessibilite.rawValue) »"
                + (p.accessibilite <= o.accessibilite ? "" : " insuffisant")
        ]
        let etage = o.etage == 0 ? "rez-de-chaussée" : "étage \(o.etage)"
        if p.ascenseurRequis {
            let ok = o.etage == 0 || o.ascenseur
            parties.append("ascenseur requis, \(etage) \(o.ascenseur ? "avec" : "sans") ascenseur" + (ok ? "" : " : refusé"))
        }
        if let maximum = p.etageMaximum {
            parties.append("étage maximum \(maximum), \(etage)" + (o.etage <= maximum ? "" : " : trop haut"))
        }
        return parties.joined(separator: " ; ")
    }

    private static func valeursLoyer(_ p: ProfilDemande, _ c: ContexteOffre) -> String {
        let s = Solvabilite(p.noyau, c)
        let parametres = c.parametres.solvabilite
        var parties = [
            "reste à charge \(s.resteACharge.enFrancais) (loyer \(c.offre.loyer.enFrancais) + charges "
                + "\(c.offre.charges.enFrancais) − \(parametres.apl.libelle) \(s.apl.enFrancais))"
        ]
        if let maximum = p.loyerMaximum {
            parties.append(
                s.respecteLoyerMaximum(maximum)
                    ? "inférieur ou égal au loyer maximum \(maximum.enFrancais)"
                    : "supérieur au loyer maximum \(maximum.enFrancais) : refusé")
        }
        let seuil = parametres.tauxEffortMaximumPourcent
        if let t = s.tauxEffortCentiemes {
            let taux = "\(t / 100),\(t % 100 < 10 ? "0" : "")\(t % 100) %"
            parties.append(
                "taux d'effort \(taux) sur \(s.ressources.enFrancais) de ressources mensuelles "
                    + (s.respecteTauxEffort(seuil) ? "≤ \(seuil) %" : "> \(seuil) % : refusé"))
        } else {
            parties.append("ressources mensuelles nulles : taux d'effort non calculable, refusé")
        }
        let rav = s.resteAVivreParJour(joursParMois: parametres.joursParMois)
        let minimum = parametres.resteAVivreMinimumParJour
        let resteOk = s.respecteResteAVivre(minimum, joursParMois: parametres.joursParMois)
        parties.append(
            "reste à vivre \(rav.enFrancais) par jour et par personne (\(s.personnes) pers., \(parametres.joursParMois) j) "
                + (resteOk ? "≥ \(minimum.enFrancais)" : "< \(minimum.enFrancais) : refusé"))
        return parties.joined(separator: " ; ")
    }
}
