import Foundation

/// Decoding and checking of a grid file: every field is read as optional, then checked one by one so that the
/// error names the criterion and the field instead of a JSON path.
extension GrilleCotation {
    private typealias E = ErreurGrilleCotation

    private struct Fichier: Decodable {
        let version: String?
        let titre: String?
        let avertissement: String?
        let dateEffet: String?
        let inspirations: [String]?
        let rubriques: [RubriqueBrute]?
        let criteres: [CritereBrut]?
    }

    private struct RubriqueBrute: Decodable {
        let code: String?
        let libelle: String?
    }

    private struct CritereBrut: Decodable {
        let code: String?
        let rubrique: String?
        let libelle: String?
        let points: Int?
        let mode: String?
        let plafond: Int?
        let seuil: Int?
        let exclusifDansRubrique: Bool?
        let necessiteValidation: Bool?
        let source: String?
    }

    static func decoder(_ donnees: Data) throws -> GrilleCotation {
        let fichier: Fichier
        do { fichier = try JSONDecoder().decode(Fichier.self, from: donnees) } catch let erreur as DecodingError {
            throw E.fichierIllisible(detail: decrire(erreur))
        } catch {
            throw E.fichierIllisible(detail: error.localizedDescription)
        }
        guard let version = fichier.version?.trimmingCharacters(in: .whitespaces), !version.isEmpty else {
            throw E.versionManquante
        }
        guard let titre = fichier.titre, !titre.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw E.enteteInvalide(champ: "titre", detail: "absent ou vide")
        }
        var dateEffet: Jour?
        if let texte = fichier.dateEffet {
            guard let jour = Jour(iso: texte) else {
                throw E.enteteInvalide(champ: "dateEffet", detail: "« \(texte) », format AAAA-MM-JJ attendu")
            }
            dateEffet = jour
        }
        var rubriques: [RubriqueCotation] = []
        for (i, brute) in (fichier.rubriques ?? []).enumerated() {
            let nom = brute.code.map { "« \($0) »" } ?? "n°\(i + 1)"
            guard let code = brute.code, !code.isEmpty else { throw E.rubriqueInvalide(rubrique: nom, champ: "code") }
            guard let libelle = brute.libelle, !libelle.isEmpty else {
                throw E.rubriqueInvalide(rubrique: nom, champ: "libelle")
            }
            guard !rubriques.contains(where: { $0.code == code }) else { throw E.rubriqueEnDouble(rubrique: code) }
            rubriques.append(RubriqueCotation(code: code, libelle: libelle))
        }
        guard let bruts = fichier.criteres, !bruts.isEmpty else { throw E.aucunCritere }
        var criteres: [CritereCotation] = []
        for (i, brut) in bruts.enumerated() {
            let critere = try verifier(brut, position: i + 1, rubriques: rubriques)
            guard !criteres.contains(where: { $0.code == critere.code }) else {
                throw E.codeEnDouble(critere: "« \(critere.code.rawValue) »")
            }
            criteres.append(critere)
        }
        return GrilleCotation(
            version: version, titre: titre, avertissement: fichier.avertissement ?? "", dateEffet: dateEffet,
            inspirations: fichier.inspirations ?? [], rubriques: rubriques, criteres: criteres)
    }

    private static func verifier(_ b: CritereBrut, position: Int, rubriques: [RubriqueCotation]) throws -> CritereCotation {
        guard let texteCode = b.code, !texteCode.isEmpty else {
            throw E.champManquant(critere: "n°\(position)", champ: "code")
        }
        let nom = "« \(texteCode) »"
        guard let code = CodeCritere(rawValue: texteCode) else { throw E.critereInconnu(critere: nom) }
        func requis<T>(_ valeur: T?, _ champ: String) throws -> T {
            guard let valeur else { throw E.champManquant(critere: nom, champ: champ) }
            return valeur
        }
        func texte(_ valeur: String?, _ champ: String) throws -> String {
            let v = try requis(valeur, champ)
            guard !v.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw E.champVide(critere: nom, champ: champ)
            }
            return v
        }
        let rubrique = try texte(b.rubrique, "rubrique")
        guard rubriques.contains(where: { $0.code == rubrique }) else {
            throw E.rubriqueInconnue(critere: nom, rubrique: rubrique)
        }
        let libelle = try texte(b.libelle, "libelle")
        let points = try requis(b.points, "points")
        guard points >= 0 else { throw E.pointsNegatifs(critere: nom, points: points) }
        let texteMode = try requis(b.mode, "mode")
        guard let mode = ModeCritere(rawValue: texteMode) else { throw E.modeInconnu(critere: nom, mode: texteMode) }
        switch (mode, code.nature) {
        case (.ponctuel, _), (.parMois, .mois), (.parPersonne, .personnes): break
        case (_, .mois): throw E.modeIncompatible(critere: nom, mode: texteMode, attendu: "ponctuel ou parMois")
        case (_, .personnes):
            throw E.modeIncompatible(critere: nom, mode: texteMode, attendu: "ponctuel ou parPersonne")
        case (_, .condition): throw E.modeIncompatible(critere: nom, mode: texteMode, attendu: "ponctuel")
        }
        if let plafond = b.plafond, plafond < 0 { throw E.plafondInvalide(critere: nom, plafond: plafond) }
        switch (code.seuilAttendu, b.seuil) {
        case (nil, nil): break
        case (nil, .some): throw E.seuilSansObjet(critere: nom)
        case let (attendu?, nil):
            throw E.seuilManquant(
                critere: nom, attendu: "\(attendu.plage.lowerBound) à \(attendu.plage.upperBound) \(attendu.unite)")
        case let (attendu?, seuil?):
            guard attendu.plage.contains(seuil) else {
                let plage = "\(attendu.plage.lowerBound) à \(attendu.plage.upperBound) \(attendu.unite)"
                throw E.seuilInvalide(critere: nom, seuil: seuil, attendu: plage)
            }
        }
        let exclusif = try requis(b.exclusifDansRubrique, "exclusifDansRubrique")
        let validation = try requis(b.necessiteValidation, "necessiteValidation")
        if validation, code.valideePar == nil { throw E.validationImpossible(critere: nom) }
        let source = try texte(b.source, "source")
        return CritereCotation(
            code: code, rubrique: rubrique, libelle: libelle, points: points, mode: mode, plafond: b.plafond, seuil: b.seuil,
            exclusifDansRubrique: exclusif, necessiteValidation: validation, source: source)
    }

    private static func decrire(_ erreur: DecodingError) -> String {
        func chemin(_ c: [any CodingKey]) -> String {
            c.isEmpty ? "racine" : c.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch erreur {
        case let .typeMismatch(_, contexte), let .valueNotFound(_, contexte):
            return "valeur de type inattendu en \(chemin(contexte.codingPath))"
        case let .dataCorrupted(contexte):
            return "JSON invalide en \(chemin(contexte.codingPath)) : \(contexte.debugDescription)"
        case let .keyNotFound(cle, contexte):
            return "clé « \(cle.stringValue) » absente en \(chemin(contexte.codingPath))"
        @unknown default:
            return "\(erreur)"
        }
    }
}
