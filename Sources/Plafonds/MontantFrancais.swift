extension Int {
    /// « 31 255 € »: French grouping by thousands with a space, as agents read amounts on the official tables.
    var enEuros: String {
        let chiffres = String(self.magnitude)
        var groupes: [Substring] = []
        var fin = chiffres.endIndex
        while fin > chiffres.startIndex {
            let debut = chiffres.index(fin, offsetBy: -3, limitedBy: chiffres.startIndex) ?? chiffres.startIndex
            groupes.insert(chiffres[debut..<fin], at: 0)
            fin = debut
        }
        return (self < 0 ? "-" : "") + groupes.joined(separator: " ") + " €"
    }
}
