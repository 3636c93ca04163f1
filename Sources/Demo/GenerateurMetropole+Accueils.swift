import Foundation

/// Visits, calls and appointments at the points (domain.md §12.9, §12.12), dated at office hours in Europe/Paris.
extension GenerateurMetropole {
    typealias Point = ReseauSynthetique.Point

    /// Accueils of the last three years, ≈ 1.7 per demande: 80 % of the desk dépôts and 30 % of the renewals of the
    /// generated demandes, at their guichet; the rest spread over the points by their yearly volumes (Zipf-like:
    /// Pôle Habitat Social a third, five large CCAS 5–10 % each, every other point under 3 %). Chronological.
    mutating func accueils(_ demandes: [DemandeSynthetique], esquisses: [Esquisse]) -> [Accueil] {
        let points = ReseauSynthetique.points
        let debut = jour.ajoutant(annees: -3)
        let cible = Int((1.7 * Double(demandes.count)).rounded())
        let agents = points.indices.map { i in
            var t = Tirage(SplitMix64.flux(Self.fluxAgents, index: UInt64(i), graine: graine))
            return (0..<min(7, 1 + points[i].accueilsParAn / 1_500)).map { _ in
                (NomsSynthetiques.ascii(t.element(NomsSynthetiques.prenomsFeminins + NomsSynthetiques.prenomsMasculins)).prefix(1)
                    + NomsSynthetiques.ascii(t.element(NomsSynthetiques.noms)).prefix(1)).uppercased()
            }
        }
        var accueils: [Accueil] = []
        for (i, s) in demandes.enumerated() where accueils.count < cible {
            var t = Tirage(SplitMix64.flux(Self.fluxAccueilsLies, index: UInt64(i), graine: graine))
            let code = s.guichetCode == ReseauSynthetique.metropole ? ReseauSynthetique.poleHabitatSocial : s.guichetCode
            guard let p = points.firstIndex(where: { $0.guichet.code == code }) else { continue }
            let depot = esquisses[i].parcours.depot
            if !esquisses[i].enLigne, depot >= debut, t.oui(0.8), calendrier.estOuvre(depot) {
                let type: TypeAccueil = points[p].guichet.niveau == .trois && t.oui(0.6) ? .rendezVous : .visite
                accueils.append(accueil(points[p], depot, type, .deux, .depot, s.demande, agents[p], &t))
            }
            for transition in s.transitions {
                if case .renouveler(let le) = transition, le >= debut, t.oui(0.3), calendrier.estOuvre(le) {
                    accueils.append(accueil(points[p], le, .visite, .deux, .renouvellement, s.demande, agents[p], &t))
                }
            }
        }
        var total = 0
        let volumes = points.map { total += $0.accueilsParAn; return total }
        let etendue = debut.jours(jusqua: jour)
        for k in 0..<max(0, cible - accueils.count) {
            var t = Tirage(SplitMix64.flux(Self.fluxAccueilsLibres, index: UInt64(k), graine: graine))
            let p = t.indice(cumul: volumes)
            guard let j = calendrier.ouvre(debut.ajoutant(jours: t.uniforme(0...etendue)), entre: debut, et: jour) else { continue }
            accueils.append(accueilLibre(points[p], j, demandes, esquisses, agents[p], &t))
        }
        let ordre = accueils.indices.sorted { (accueils[$0].le, $0) < (accueils[$1].le, $1) }
        return ordre.map { accueils[$0] }
    }

    /// A visit, call or appointment at a point, at the service level its niveau allows; some orient to niveau 3
    /// (8 % below niveau 3), report a PMR household (2 %) or a blocked priority (1.2 %); half about a known demande.
    mutating func accueilLibre(
        _ point: Point, _ j: Jour, _ demandes: [DemandeSynthetique], _ esquisses: [Esquisse], _ agents: [String], _ t: inout Tirage
    ) -> Accueil {
        let niveauPoint = point.guichet.niveau
        let type: TypeAccueil = switch niveauPoint {
        case .un: [.visite, .appel][t.tirage([0.55, 0.45])]
        case .deux: [.visite, .appel, .rendezVous][t.tirage([0.55, 0.40, 0.05])]
        case .trois: [.visite, .appel, .rendezVous][t.tirage([0.40, 0.35, 0.25])]
        }
        let niveau: Niveau = switch type {
        case .rendezVous: niveauPoint
        case .visite: niveauPoint > .un && t.oui(0.5) ? .deux : .un
        case .appel: niveauPoint > .un && t.oui(0.15) ? .deux : .un
        }
        let objet: ObjetAccueil = type == .appel
            ? [.information, .suivi, .autre][t.tirage([0.55, 0.35, 0.10])]
            : [.information, .pieces, .suivi, .autre][t.tirage([0.45, 0.25, 0.25, 0.05])]
        var demande: Demande?
        if objet == .pieces || objet == .suivi, !demandes.isEmpty, t.oui(0.8) {
            let r = t.uniforme(0...demandes.count - 1)
            if esquisses[r].parcours.depot <= j, j <= esquisses[r].parcours.fin { demande = demandes[r].demande }
        }
        return accueil(
            point, j, type, niveau, objet, demande, agents, &t, orientation: niveauPoint < .trois && t.oui(0.08),
            pmr: t.oui(0.02), bloquee: t.oui(0.012))
    }

    /// One accueil on day `j`: mornings for a mobile permanence, half-hour slots for appointments.
    mutating func accueil(
        _ point: Point, _ j: Jour, _ type: TypeAccueil, _ niveau: Niveau, _ objet: ObjetAccueil, _ demande: Demande?,
        _ agents: [String], _ t: inout Tirage, orientation: Bool = false, pmr: Bool = false, bloquee: Bool = false
    ) -> Accueil {
        let le = calendrier.instant(j, matin: point.guichet.type == .permanenceMobile, creneau: type == .rendezVous, &t)
        let numero = demande.flatMap { d in (d.dates.enregistrement.map { $0 <= j } ?? false) ? d.numeroUnique : nil }
        let duree: Int? = switch type {
        case .visite: t.uniforme(5...30)
        case .appel: t.uniforme(2...15)
        case .rendezVous: t.uniforme(6...12) * 5
        }
        return Accueil(
            id: t.uuid(a: le), type: type, le: le, guichetCode: point.guichet.code, agent: t.element(agents),
            niveauService: niveau, objet: objet, demandeId: demande?.id, numeroUnique: numero, orientationNiveau3: orientation,
            pmr: pmr, prioriteBloquee: bloquee, dureeMinutes: t.oui(0.9) ? duree : nil)
    }
}
