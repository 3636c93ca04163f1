import Foundation

/// The hard filters, fast path: comparisons on a profile's plain-value core and a `ContexteOffre`, no allocation.
///
/// Profiles are reached through a pointer so that scanning them never copies one (a copy would retain its strings
/// and arrays). `expliquer` (Filtres+Explication.swift) takes its `passe` from here, so the ranking and the « why
/// not » can never disagree.
enum Filtres {
    /// Every filter, the cheapest and most selective first.
    @inline(__always)
    static func passeTout(_ p: UnsafePointer<ProfilDemande>, _ c: ContexteOffre) -> Bool {
        typologie(p, c) && commune(p, c) && occupation(p, c) && accessibilite(p, c) && plafond(p, c) && loyer(p, c)
    }

    /// One filter.
    static func passe(_ filtre: Filtre, _ p: UnsafePointer<ProfilDemande>, _ c: ContexteOffre) -> Bool {
        switch filtre {
        case .plafond: plafond(p, c)
        case .commune: commune(p, c)
        case .typologie: typologie(p, c)
        case .occupation: occupation(p, c)
        case .accessibilite: accessibilite(p, c)
        case .loyer: loyer(p, c)
        }
    }

    /// Revenu retenu ≤ ceiling (equal passes, CCH R441-1 1° « n'excèdent pas »); unknown revenu fails.
    @inline(__always)
    static func plafond(_ p: UnsafePointer<ProfilDemande>, _ c: ContexteOffre) -> Bool {
        guard c.anneeChargee else { return false }
        if p.pointee.noyau.jourReference.annee == c.jour.annee, let plafonds = p.pointee.noyau.plafonds {
            guard let revenu = p.pointee.noyau.revenuRetenu else { return false }
            return revenu <= plafonds.plafond(c.offre.financement, c.zone)
        }
        // Profile built for another year: redo the choice of the income and the ceiling for this one (slow path).
        return Eligibilite.verifier(
            revenus: p.pointee.revenusFiscaux, categorie: p.pointee.categorie, zone: c.zone,
            financement: c.offre.financement, annee: c.jour.annee, table: c.table
        ).estEligible
    }

    /// Commune wished, or élargissement accepted and the commune in the métropole.
    ///
    /// Decision: « élargissement » means any commune of the métropole. A finer rule (neighbouring communes only)
    /// would need adjacency data that the référentiel does not carry.
    @inline(__always)
    static func commune(_ p: UnsafePointer<ProfilDemande>, _ c: ContexteOffre) -> Bool {
        guard let code = c.code else { return false }
        if p.pointee.noyau.elargissement && c.commune != nil { return true }
        // The signature rules most profiles out without reading the list.
        return p.pointee.noyau.signatureCommunes & c.bitCommune != 0 && p.pointee.communes.contient(code)
    }

    /// Offer typology among those sought.
    @inline(__always)
    static func typologie(_ p: UnsafePointer<ProfilDemande>, _ c: ContexteOffre) -> Bool {
        p.pointee.noyau.typologies.contient(c.offre.typologie)
    }

    /// Persons to house within the bounds of the offer's typology; no bounds set: passes.
    @inline(__always)
    static func occupation(_ p: UnsafePointer<ProfilDemande>, _ c: ContexteOffre) -> Bool {
        c.occupation?.contains(p.pointee.noyau.personnes) ?? true
    }

    /// Offer accessibility ≥ need; a required lift is needed above the ground floor; floor ≤ the maximum accepted.
    @inline(__always)
    static func accessibilite(_ p: UnsafePointer<ProfilDemande>, _ c: ContexteOffre) -> Bool {
        let n = p.pointee.noyau
        return n.accessibilite <= c.offre.accessibilite
            && !(n.ascenseurRequis && c.offre.etage > 0 && !c.offre.ascenseur)
            && (n.etageMaximum.map { c.offre.etage <= $0 } ?? true)
    }

    /// Housing cost ≤ stated maximum, taux d'effort ≤ threshold, reste à vivre ≥ threshold.
    @inline(__always)
    static func loyer(_ p: UnsafePointer<ProfilDemande>, _ c: ContexteOffre) -> Bool {
        let s = Solvabilite(p.pointee.noyau, c)
        let parametres = c.parametres.solvabilite
        return s.respecteLoyerMaximum(p.pointee.noyau.loyerMaximum)
            && s.respecteTauxEffort(parametres.tauxEffortMaximumPourcent)
            && s.respecteResteAVivre(parametres.resteAVivreMinimumParJour, joursParMois: parametres.joursParMois)
    }
}
