/// Common French first names and surnames drawn independently: the combinations name nobody in particular.
///
/// Surnames: frequent surnames of France (INSEE birth files), a few of the Dauphiné, and surnames common among
/// families of the métropole of foreign origin; first names: frequent given names of several generations.
enum NomsSynthetiques {
    static let prenomsFeminins = [
        "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Christine", "Sandrine", "Valérie", "Céline", "Stéphanie",
        "Aurélie", "Émilie", "Julie", "Camille", "Laura", "Sarah", "Manon", "Léa", "Chloé", "Emma", "Inès", "Jade",
        "Louise", "Alice", "Lina", "Yasmine", "Fatima", "Amina", "Sofia", "Nadia", "Claire", "Anne", "Monique",
        "Françoise", "Martine", "Jacqueline", "Hélène", "Sophie", "Pauline", "Mélanie", "Élodie", "Océane", "Zoé",
        "Mila", "Ambre", "Rose", "Anaïs", "Maëlys", "Samia", "Leïla", "Aïcha", "Mariam", "Ana", "Élise", "Margaux",
        "Lucie", "Charlotte", "Nina", "Eva", "Khadija", "Fatoumata", "Linh", "Josiane", "Danielle", "Agnès",
    ]
    static let prenomsMasculins = [
        "Jean", "Pierre", "Michel", "Philippe", "Alain", "Patrick", "Nicolas", "Christophe", "Laurent", "Stéphane",
        "Sébastien", "Julien", "David", "Thomas", "Kevin", "Maxime", "Alexandre", "Romain", "Nathan", "Lucas", "Hugo",
        "Louis", "Gabriel", "Léo", "Raphaël", "Arthur", "Jules", "Adam", "Mohamed", "Karim", "Mehdi", "Youssef", "Rayan",
        "Ibrahim", "Sofiane", "Bilal", "Omar", "Antoine", "François", "Olivier", "Éric", "Frédéric", "Thierry", "Pascal",
        "Daniel", "Bernard", "André", "Vincent", "Mathieu", "Guillaume", "Benjamin", "Samuel", "Enzo", "Noah", "Ethan",
        "Tom", "Sacha", "Mamadou", "Ali", "Yanis", "Moussa", "Minh", "Gérard", "René", "Yves",
    ]
    static let noms = [
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent", "Simon",
        "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont",
        "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefèvre", "Faure", "André", "Mercier", "Blanc", "Guérin",
        "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément",
        "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand", "Duval", "Denis", "Dumont",
        "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas",
        "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux",
        "Colin", "Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix",
        "Olivier", "Philippe", "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Rolland", "Guillaume", "Lopez",
        "Dupuy", "Guillot", "Hubert", "Berger", "Sanchez", "Dupuis", "Moulin", "Deschamps", "Perez", "Boucher", "Fleury",
        "Klein", "Jacquet", "Adam", "Poirier", "Marty", "Guyot", "Charpentier", "Maillard", "Baron", "Bailly", "Hervé",
        "Fernandez", "Collet", "Léger", "Bouvier", "Julien", "Prévost", "Millet", "Perrot", "Germain", "Besson",
        "Pelletier", "Perrier", "Lebrun", "Weber", "Mallet", "Michaud", "Rodriguez", "Gay", "Reynaud", "Perret",
        "Chabert", "Jacquier", "Reymond", "Buisson", "Vial", "Gros", "Cholat", "Bouchet", "Chapuis", "Sibille",
        "Benali", "Haddad", "Mansouri", "Bouaziz", "Benmoussa", "Cherif", "Hamdi", "Saidi", "Amrani", "Belkacem",
        "Diallo", "Traoré", "Diop", "Camara", "Kone", "Nguyen", "Tran", "Pham", "Ferreira", "Pereira", "Da Costa",
        "Rossi", "Ferrari", "Russo", "Greco", "Yilmaz", "Kaya", "Demir", "Petrovic", "Popescu",
    ]
    static let voies = [
        "rue de la République", "avenue Jean-Jaurès", "rue Victor-Hugo", "place de la Mairie", "rue des Alpes",
        "avenue de Belledonne", "rue du Vercors", "rue de Chartreuse", "chemin des Sources", "allée des Tilleuls",
        "rue Pasteur", "avenue du Général-de-Gaulle", "rue Jean-Moulin", "boulevard Gambetta", "rue des Écoles",
        "rue de la Liberté", "avenue de la Gare", "rue du Stade", "impasse des Lilas", "rue des Acacias",
        "rue Paul-Langevin", "avenue des Marronniers", "rue Lamartine", "rue de l'Isère", "quai du Drac",
        "rue du Moucherotte", "allée du Taillefer", "rue de la Paix", "avenue Marie-Curie", "rue des Glycines",
        "rue Anatole-France", "avenue de Verdun", "rue du 8-Mai-1945", "place du Marché", "rue des Peupliers",
        "chemin du Vieux-Moulin", "rue Émile-Zola", "avenue de l'Europe", "rue des Jardins", "rue Louis-Pasteur",
    ]

    /// `s` without diacritics, lower-case ASCII letters and hyphens only (for fictitious e-mail addresses).
    static func ascii(_ s: String) -> String {
        var r = ""
        for c in s.lowercased() {
            if let t = sansDiacritiques[c] { r += t } else if c.isASCII && (c.isLetter || c == "-") { r.append(c) }
        }
        return r
    }

    private static let sansDiacritiques: [Character: String] = [
        "à": "a", "â": "a", "ä": "a", "ç": "c", "é": "e", "è": "e", "ê": "e", "ë": "e", "î": "i", "ï": "i",
        "ô": "o", "ö": "o", "ù": "u", "û": "u", "ü": "u", "ÿ": "y", "œ": "oe", "æ": "ae",
    ]
}
