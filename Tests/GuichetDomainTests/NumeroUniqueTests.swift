import Foundation
import GuichetDomain
import Testing

// Numéro unique: 18 characters TTT MMYY NNNNNN GGGGG (old CCH R441-2-3, arrêté du 23 mars 2015 annexe §3,
// docs/DOMAIN.md §9), checked on the real IDF attestation 1111023517879GDPUB.
@Suite("Numéro unique")
struct NumeroUniqueTests {
    private func invalide(_ texte: String) -> NumeroUniqueInvalide? {
        do {
            _ = try NumeroUnique(texte)
            return nil
        } catch {
            return error
        }
    }

    @Test("génération : 038 + MMAA + compteur sur 6 chiffres + code guichet, 18 caractères")
    func generation() throws {
        let n = try NumeroUnique.generer(departement: "38", depot: Jour(2026, 3, 15)!, compteur: 42, codeGuichet: "GAM01")
        #expect(n.valeur == "038032600004" + "2GAM01")
        #expect(n.valeur.count == 18)
        #expect(n.territoire == "038")
        #expect(n.mois == 3)
        #expect(n.annee2 == 26)
        #expect(n.sequence == 42)
        #expect(n.codeGuichet == "GAM01")
        #expect(n.description == n.valeur)
    }

    @Test("génération : bornes du compteur, département déjà sur 3 caractères, décembre et an 2000")
    func generationBornes() throws {
        let premier = try NumeroUnique.generer(departement: "038", depot: Jour(2025, 12, 31)!, compteur: 1, codeGuichet: "CCAS3")
        #expect(premier.valeur == "038122500000" + "1CCAS3")
        let dernier = try NumeroUnique.generer(departement: "38", depot: Jour(2000, 1, 1)!, compteur: 999_999, codeGuichet: "99999")
        #expect(dernier.valeur == "038010099999" + "999999")
        #expect(dernier.sequence == 999_999)
        #expect(dernier.annee2 == 0)
    }

    @Test("génération refusée : compteur hors de 1…999 999", arguments: [0, -1, 1_000_000])
    func compteurHorsLimites(compteur: Int) {
        #expect(throws: NumeroUniqueInvalide.self) {
            try NumeroUnique.generer(departement: "38", depot: Jour(2026, 3, 15)!, compteur: compteur, codeGuichet: "GAM01")
        }
        do {
            _ = try NumeroUnique.generer(departement: "38", depot: Jour(2026, 3, 15)!, compteur: compteur, codeGuichet: "GAM01")
        } catch {
            #expect(error.message == "Le compteur mensuel du territoire est épuisé (\(compteur)).")
        }
    }

    @Test("génération refusée : code guichet invalide", arguments: ["GAM1", "GAM012", "gam01", "GA-01", "GAÉ01", ""])
    func codeGuichetInvalide(code: String) {
        do {
            let n = try NumeroUnique.generer(departement: "38", depot: Jour(2026, 3, 15)!, compteur: 1, codeGuichet: code)
            Issue.record("numéro généré à tort : \(n)")
        } catch {
            #expect(error.message.contains("« \(code) »"))
            #expect(error.message.contains("5 caractères"))
        }
    }

    @Test("lecture de l'exemple réel d'Île-de-France 1111023517879GDPUB")
    func exempleIleDeFrance() throws {
        let n = try NumeroUnique("1111023517879GDPUB")
        #expect(n.territoire == "111")
        #expect(n.mois == 10)
        #expect(n.annee2 == 23)
        #expect(n.sequence == 517_879)
        #expect(n.codeGuichet == "GDPUB")
    }

    @Test("minuscules et espaces de bord normalisés")
    func normalisation() throws {
        let n = try NumeroUnique("  1111023517879gdpub ")
        #expect(n.valeur == "1111023517879GDPUB")
        #expect(n == (try NumeroUnique("1111023517879GDPUB")))
    }

    @Test("formes invalides refusées avec un message en français", arguments: [
        ("111102351787GDPUB", "18 caractères (reçu 17)"),
        ("1111023517879GDPUBX", "18 caractères (reçu 19)"),
        ("", "18 caractères (reçu 0)"),
        ("1X11023517879GDPUB", "territoire"),
        ("1110023517879GDPUB", "mois et l'année"),
        ("1111323517879GDPUB", "mois et l'année"),
        ("111+123517879GDPUB", "mois et l'année"),
        ("11110-1517879GDPUB", "mois et l'année"),
        ("1111O23517879GDPUB", "mois et l'année"),
        ("111102351787AGDPUB", "numéro d'ordre à 6 chiffres"),
        ("1111023517 79GDPUB", "numéro d'ordre à 6 chiffres"),
        ("111102351787٩GDPUB", "numéro d'ordre à 6 chiffres"),
        ("1111023517879GD-UB", "code du guichet"),
        ("1111023517879GDÉUB", "code du guichet"),
        ("1111023517879GD UB", "code du guichet"),
    ])
    func invalides(texte: String, extrait: String) throws {
        let e = try #require(invalide(texte), "« \(texte) » accepté à tort")
        #expect(e.message.contains(extrait), "\(e.message)")
        #expect(e.description == e.message)
    }

    @Test("Codable : chaîne JSON, aller-retour")
    func codable() throws {
        let n = try NumeroUnique("1111023517879GDPUB")
        let donnees = try JSONEncoder().encode([n])
        #expect(String(decoding: donnees, as: UTF8.self) == #"["1111023517879GDPUB"]"#)
        #expect(try JSONDecoder().decode([NumeroUnique].self, from: donnees) == [n])
    }

    @Test("Codable : un numéro mal formé ne se décode pas, et le message dit pourquoi")
    func decodageInvalide() throws {
        do {
            _ = try JSONDecoder().decode(NumeroUnique.self, from: Data(#""1111323517879GDPUB""#.utf8))
            Issue.record("décodé à tort")
        } catch let DecodingError.dataCorrupted(contexte) {
            #expect(contexte.debugDescription.contains("mois et l'année"))
        }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(NumeroUnique.self, from: Data("42".utf8)) }
    }

    @Test("ordre : par valeur")
    func ordre() throws {
        #expect(try NumeroUnique("038032600004" + "1GAM01") < NumeroUnique("038032600004" + "2GAM01"))
    }
}
