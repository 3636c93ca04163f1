import Foundation

/// The bailleurs' vacant dwellings (domain.md §12.10, §12.12).
extension GenerateurMetropole {
    /// Offer `index`, from its own sub-stream: typology T1 9 %, T2 24 %, T3 36 %, T4 24 %, T5+ 7 %; PLUS .80,
    /// PLAI .12, PLS .08 with rents per m² ~N(6.0, .5), N(5.2, .4), N(9.0, 1); surfaces by typology; floors, lifts;
    /// accessible 18 % of which adapted 6 % (R22); communes weighted by social stock; 85 % publiées.
    mutating func offre(index: Int) -> Offre {
        var t = Tirage(SplitMix64.flux(Self.fluxOffres, index: UInt64(index), graine: graine))
        var typologie = [Typologie.t1, .t2, .t3, .t4, .t5][t.tirage([0.09, 0.24, 0.36, 0.24, 0.07])]
        if typologie == .t5, t.oui(0.2) { typologie = .t6 }
        let financement = [Financement.plus, .plai, .pls][t.tirage([0.80, 0.12, 0.08])]
        // Surface habitable around the usual size of each typology (*est.*), ± 2 σ of 5 m².
        let moyenne = [30.0, 46, 65, 80, 95, 110][typologie.pieces - 1]
        let surface = Int(min(moyenne + 10, max(moyenne - 10, t.normale(moyenne, 5))).rounded())
        let parM2 = switch financement {
        case .plai: max(3.5, t.normale(5.2, 0.4))
        case .plus: max(4.0, t.normale(6.0, 0.5))
        case .pls: max(6.0, t.normale(9.0, 1.0))
        }
        let commune = communeParStock(&t)
        let grandeCommune = (GeographieSynthetique.stockSocialEstime[commune.insee] ?? 0) >= 1_000
        let etage = grandeCommune
            ? t.tirage([0.16, 0.17, 0.16, 0.14, 0.12, 0.09, 0.06, 0.04, 0.03, 0.02, 0.01])
            : t.tirage([0.25, 0.30, 0.25, 0.15, 0.05])
        let accessibilite = [BesoinAccessibilite.aucun, .accessible, .adapte][t.tirage([0.82, 0.12, 0.06])]
        // An accessible dwelling above the ground floor has a lift.
        let ascenseur = accessibilite != .aucun && etage > 0 ? true : t.oui(etage >= 3 ? 0.95 : etage > 0 ? 0.45 : 0.4)
        let bailleur = ReseauSynthetique.bailleurs[t.tirage(ReseauSynthetique.bailleurs.map(\.part))].code
        let disponible = jour.ajoutant(jours: t.uniforme(-20...75))
        let publication = min(jour, disponible.ajoutant(jours: -t.uniforme(15...60)))
        let jourPublication = calendrier.ouvre(publication, entre: publication.ajoutant(jours: -10), et: publication) ?? publication
        let reference = "\(bailleur)-\(disponible.annee)-" + String(String(100_000 + index + 1).suffix(5))
        return Offre(
            id: t.uuid(a: calendrier.instant(jourPublication, &t)), referenceBailleur: reference, bailleur: bailleur,
            communeInsee: commune.insee, adresse: "\(t.uniforme(1...120)) \(t.element(NomsSynthetiques.voies))",
            typologie: typologie, surface: surface, loyer: Euros(centimes: Int((parM2 * Double(surface) * 100).rounded())),
            charges: Euros(centimes: Int((t.reel(1.5...3.0) * Double(surface) * 100).rounded())), financement: financement,
            etage: etage, ascenseur: ascenseur, accessibilite: accessibilite, disponibleLe: disponible,
            reservataire: [.etat, .etatFonctionnaires, .actionLogement, .collectivite, .bailleur][
                t.tirage([0.20, 0.05, 0.30, 0.20, 0.25])],
            statut: [.publiee, .candidatsDesignes, .attribuee, .retiree][t.tirage([0.85, 0.10, 0.03, 0.02])])
    }
}
