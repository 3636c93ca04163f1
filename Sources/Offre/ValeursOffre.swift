import Foundation

/// Why one cell was refused, in French, with the value and what to write instead.
struct ValeurRefusee: Error, Sendable, Hashable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Readers of the cells of the offers CSV file (docs/OFFRES-CSV.md). Each takes a cell already trimmed and non-empty.
enum ValeursOffre {
    /// A whole number written with ASCII digits and an optional leading `-` (at most 6 digits).
    static func entier(_ texte: String) -> Int? {
        let chiffres = texte.hasPrefix("-") ? texte.dropFirst() : Substring(texte)
        guard (1...6).contains(chiffres.count), chiffres.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(texte)
    }

    /// A code INSEE of one of the communes of the referential; a commune's name is answered with its code.
    static func commune(_ texte: String, _ referentiel: ReferentielCommunes) throws(ValeurRefusee) -> String {
        if let commune = referentiel.commune(insee: texte) { return commune.insee }
        let cle = Normalisation.cle(texte, separateur: " ")
        if let nommee = referentiel.communes.first(where: { Normalisation.cle($0.nom, separateur: " ") == cle }) {
            throw ValeurRefusee("« \(texte) » est un nom de commune : indiquez son code INSEE, \(nommee.insee)")
        }
        throw ValeurRefusee(
            "commune « \(texte) » hors de la métropole : indiquez le code INSEE (et non le code postal) "
                + "d'une des \(referentiel.communes.count) communes, par exemple 38185 pour Grenoble")
    }

    /// `CH`, `T1` … `T6`; `chambre` and the `F3` spelling are read too.
    static func typologie(_ texte: String) throws(ValeurRefusee) -> Typologie {
        var cle = Normalisation.cle(texte, separateur: "").uppercased()
        if cle == "CHAMBRE" { cle = "CH" }
        if cle.count == 2, cle.hasPrefix("F") { cle = "T" + cle.dropFirst() }
        guard let typologie = Typologie(rawValue: cle) else {
            throw ValeurRefusee("typologie « \(texte) » inconnue : CH (chambre), T1, T2, T3, T4, T5 ou T6")
        }
        return typologie
    }

    /// Habitable surface: whole m² above 0, an `m²` or `m2` suffix tolerated.
    static func surface(_ texte: String) throws(ValeurRefusee) -> Int {
        var nombre = texte
        for suffixe in ["m²", "m2", "M²", "M2"] where nombre.hasSuffix(suffixe) {
            nombre = String(nombre.dropLast(suffixe.count)).trimmingCharacters(in: .whitespaces)
        }
        guard let m2 = entier(nombre) else {
            if let decimal = try? euros(nombre), decimal.centimes > 0 {
                throw ValeurRefusee("surface « \(texte) » : un nombre entier de m² est attendu, arrondi (ici \(decimal.eurosArrondis))")
            }
            throw ValeurRefusee("surface « \(texte) » illisible : un nombre entier de m², par exemple 65")
        }
        guard m2 > 0 else { throw ValeurRefusee("surface « \(texte) » refusée : elle doit être supérieure à 0 m²") }
        return m2
    }

    /// Euros with a decimal comma or point and at most two decimals, ≥ 0; blanks (also non-breaking) and `€` are ignored.
    static func euros(_ texte: String) throws(ValeurRefusee) -> Euros {
        var nombre = texte
        if nombre.hasSuffix("€") { nombre.removeLast() }
        nombre.removeAll { $0.isWhitespace }
        let negatif = nombre.hasPrefix("-")
        if negatif { nombre.removeFirst() }
        let parties = nombre.split(separator: ",", omittingEmptySubsequences: false).flatMap {
            $0.split(separator: ".", omittingEmptySubsequences: false)
        }
        let chiffres = { (s: Substring) in s.allSatisfy { $0.isASCII && $0.isNumber } }
        guard (1...2).contains(parties.count), (1...7).contains(parties[0].count), chiffres(parties[0]),
            parties.count == 1 || ((1...2).contains(parties[1].count) && chiffres(parties[1])),
            let unites = Int(parties[0])
        else {
            throw ValeurRefusee(
                "montant « \(texte) » illisible : des euros avec au plus deux décimales, sans séparateur de milliers, par exemple 412,50")
        }
        let decimales = parties.count == 2 ? String(parties[1]) : "0"
        let centimes = unites * 100 + Int(decimales.count == 1 ? decimales + "0" : decimales)!
        guard !negatif || centimes == 0 else { throw ValeurRefusee("montant « \(texte) » négatif : 0 ou plus") }
        return Euros(centimes: centimes)
    }

    /// `PLAI`, `PLUS` or `PLS`, in any case (`PLA-I` too).
    static func financement(_ texte: String) throws(ValeurRefusee) -> Financement {
        guard let financement = Financement(rawValue: Normalisation.cle(texte, separateur: "").uppercased()) else {
            throw ValeurRefusee("financement « \(texte) » inconnu : PLAI, PLUS ou PLS")
        }
        return financement
    }

    /// A floor: 0 (or `RDC`) is the ground floor, -1 (or `sous-sol`) the lowest accepted.
    static func etage(_ texte: String) throws(ValeurRefusee) -> Int {
        let cle = Normalisation.cle(texte, separateur: "")
        let etage = cle == "rdc" || cle == "rezdechaussee" ? 0 : cle == "soussol" ? -1 : entier(texte)
        guard let etage else {
            throw ValeurRefusee("étage « \(texte) » illisible : un nombre entier, 0 pour le rez-de-chaussée, -1 pour un sous-sol")
        }
        guard etage >= -1 else { throw ValeurRefusee("étage « \(texte) » refusé : -1 (sous-sol) au plus bas, 0 pour le rez-de-chaussée") }
        return etage
    }

    /// `oui`/`non`, `true`/`false`, `vrai`/`faux`, `1`/`0`, in any case.
    static func ascenseur(_ texte: String) throws(ValeurRefusee) -> Bool {
        switch Normalisation.cle(texte, separateur: "") {
        case "oui", "true", "vrai", "1": return true
        case "non", "false", "faux", "0": return false
        default: throw ValeurRefusee("ascenseur « \(texte) » : oui ou non attendu (true/false et 1/0 acceptés)")
        }
    }

    /// `aucun`, `accessible` or `adapte`, accents and case ignored (`Adapté`, `aucune`).
    static func accessibilite(_ texte: String) throws(ValeurRefusee) -> BesoinAccessibilite {
        let cle = Normalisation.cle(texte, separateur: "")
        guard let accessibilite = cle == "aucune" ? .aucun : BesoinAccessibilite(rawValue: cle) else {
            throw ValeurRefusee("accessibilité « \(texte) » inconnue : aucun, accessible ou adapte (adapté)")
        }
        return accessibilite
    }

    /// `AAAA-MM-JJ` or `JJ/MM/AAAA` (day and month may have one digit), at most one year before `jour`
    /// and two years after it: further is taken for a wrong year.
    static func disponibleLe(_ texte: String, au jour: Jour) throws(ValeurRefusee) -> Jour {
        let iso = texte.split(separator: "-", omittingEmptySubsequences: false)
        let fr = texte.split(separator: "/", omittingEmptySubsequences: false)
        let parties: [Substring]
        let longueurs: [ClosedRange<Int>]
        if iso.count == 3 {
            parties = [iso[0], iso[1], iso[2]]
            longueurs = [4...4, 2...2, 2...2]
        } else if fr.count == 3 {
            parties = [fr[2], fr[1], fr[0]]
            longueurs = [4...4, 1...2, 1...2]
        } else {
            parties = []
            longueurs = []
        }
        guard !parties.isEmpty, zip(parties, longueurs).allSatisfy({ $0.1.contains($0.0.count) }),
            parties.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else {
            throw ValeurRefusee("date « \(texte) » illisible : AAAA-MM-JJ ou JJ/MM/AAAA, par exemple 2026-03-15 ou 15/03/2026")
        }
        guard let date = Jour(Int(parties[0])!, Int(parties[1])!, Int(parties[2])!) else {
            throw ValeurRefusee("date « \(texte) » inexistante : vérifiez le jour, le mois et l'année")
        }
        if date < jour.ajoutant(annees: -1) {
            throw ValeurRefusee("date « \(texte) » trop ancienne (plus d'un an avant le \(jour.affichage)) : vérifiez l'année")
        }
        if date > jour.ajoutant(annees: 2) {
            throw ValeurRefusee("date « \(texte) » trop lointaine (plus de deux ans après le \(jour.affichage)) : vérifiez l'année")
        }
        return date
    }

    /// The holder of the reservation right; spaces, accents, case and a few usual names are tolerated.
    static func reservataire(_ texte: String) throws(ValeurRefusee) -> Reservataire {
        let cle = Normalisation.cle(texte, separateur: "")
        if let reservataire = Reservataire.allCases.first(where: { $0.rawValue.lowercased() == cle }) { return reservataire }
        switch cle {
        case "prefecture", "prefet", "contingentprefectoral": return .etat
        case "fonctionnaires", "etatfonctionnaire": return .etatFonctionnaires
        case "al": return .actionLogement
        case "commune", "ville", "mairie", "metropole", "departement", "collectivites", "collectiviteterritoriale": return .collectivite
        case "proprietaire", "horscontingent", "nonreserve": return .bailleur
        default:
            throw ValeurRefusee(
                "réservataire « \(texte) » inconnu : etat, etatFonctionnaires, actionLogement, collectivite ou bailleur "
                    + "(« État », « Action Logement », « Collectivité » acceptés)")
        }
    }
}
