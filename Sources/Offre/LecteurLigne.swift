import Foundation

/// Reads one data line of the offers file into an offer, or into one error per bad column, in the file's column order.
struct LecteurLigne {
    /// Every error of a refused line.
    struct Refus: Error {
        var erreurs: [ErreurLigne]
    }

    var enregistrement: EnregistrementCSV
    var positions: [ColonneOffre: Int]
    /// Lines of each reference of the file, to refuse those given twice.
    var lignesParReference: [String: [Int]]
    var bailleur: String
    var referentiel: ReferentielCommunes
    var jour: Jour

    func lire() -> Result<OffreImportee, Refus> {
        var erreurs: [(position: Int, erreur: ErreurLigne)] = []

        func lire<T>(_ colonne: ColonneOffre, _ lecteur: (String) throws(ValeurRefusee) -> T) -> T? {
            guard let position = positions[colonne] else { return nil }
            let texte = enregistrement.champs[position].trimmingCharacters(in: .whitespacesAndNewlines)
            do throws(ValeurRefusee) {
                if texte.isEmpty { throw ValeurRefusee("valeur obligatoire manquante (exemple : \(colonne.exemple))") }
                if texte.contains("\u{FFFD}") {
                    throw ValeurRefusee(
                        "caractère illisible dans « \(texte) » : le fichier n'est sans doute pas en UTF-8, enregistrez-le en « CSV UTF-8 »")
                }
                return try lecteur(texte)
            } catch {
                erreurs.append((position, ErreurLigne(ligne: enregistrement.ligne, colonne: colonne.rawValue, message: error.message)))
                return nil
            }
        }

        let reference = lire(.reference) { (texte) throws(ValeurRefusee) in
            guard texte.count <= 100, !texte.contains(where: \.isNewline) else {
                throw ValeurRefusee("référence refusée : une seule ligne de 100 caractères au plus (ici \(texte.count))")
            }
            let autres = (lignesParReference[texte] ?? []).filter { $0 != enregistrement.ligne }
            guard autres.isEmpty else {
                throw ValeurRefusee(
                    "référence « \(texte) » en double, aussi ligne \(autres.map(String.init).joined(separator: ", ")) : "
                        + "chaque logement doit avoir sa propre référence dans le fichier")
            }
            return texte
        }
        // The only optional column: absent, or empty on this line, means no RPLS number (`.some(nil)`; nil = refused).
        var rpls: String?? = .some(nil)
        if let position = positions[.rpls], !enregistrement.champs[position].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            rpls = lire(.rpls) { $0 }.map { .some($0) }
        }
        let commune = lire(.communeInsee) { (texte) throws(ValeurRefusee) in try ValeursOffre.commune(texte, referentiel) }
        let adresse = lire(.adresse) { $0 }
        let typologie = lire(.typologie, ValeursOffre.typologie)
        let surface = lire(.surface, ValeursOffre.surface)
        let loyer = lire(.loyer) { (texte) throws(ValeurRefusee) in
            let loyer = try ValeursOffre.euros(texte)
            guard loyer > .zero else { throw ValeurRefusee("loyer « \(texte) » nul : le loyer principal doit être supérieur à 0 €") }
            return loyer
        }
        let charges = lire(.charges, ValeursOffre.euros)
        let financement = lire(.financement, ValeursOffre.financement)
        let etage = lire(.etage, ValeursOffre.etage)
        let ascenseur = lire(.ascenseur, ValeursOffre.ascenseur)
        let accessibilite = lire(.accessibilite, ValeursOffre.accessibilite)
        let disponibleLe = lire(.disponibleLe) { (texte) throws(ValeurRefusee) in try ValeursOffre.disponibleLe(texte, au: jour) }
        let reservataire = lire(.reservataire, ValeursOffre.reservataire)

        guard erreurs.isEmpty, let reference, let rpls, let commune, let adresse, let typologie, let surface, let loyer,
            let charges, let financement, let etage, let ascenseur, let accessibilite, let disponibleLe, let reservataire
        else {
            return .failure(Refus(erreurs: erreurs.sorted { $0.position < $1.position }.map(\.erreur)))
        }
        return .success(OffreImportee(
            referenceBailleur: reference, bailleur: bailleur, rpls: rpls, communeInsee: commune, adresse: adresse,
            typologie: typologie, surface: surface, loyer: loyer, charges: charges, financement: financement, etage: etage,
            ascenseur: ascenseur, accessibilite: accessibilite, disponibleLe: disponibleLe, reservataire: reservataire))
    }
}
