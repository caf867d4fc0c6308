"""Synthetic Malian names and places for demo and test data (no real person)."""

LAST_NAMES = (
    "Traoré", "Keïta", "Coulibaly", "Diarra", "Koné", "Touré", "Sidibé", "Sangaré",
    "Cissé", "Diallo", "Dembélé", "Konaté", "Camara", "Doumbia", "Sissoko", "Kanté",
    "Maïga", "Cissoko", "Diakité", "Bagayoko", "Dicko", "Samaké", "Fofana", "Kouyaté",
    "Tangara", "Sow", "Ba", "Guindo", "Dolo", "Togo", "Haïdara", "Ag Mohamed",
    "Bocoum", "Sylla", "Niaré", "Mariko", "Berthé", "Ballo", "Goïta", "Daou",
    "Sanogo", "Kamissoko", "Dao", "Tounkara", "Soumaré", "Magassa", "Doucouré", "Tall",
)
MALE_FIRST = (
    "Moussa", "Mamadou", "Oumar", "Seydou", "Bakary", "Adama", "Ibrahim", "Souleymane",
    "Boubacar", "Modibo", "Cheick Oumar", "Lassana", "Abdoulaye", "Sékou", "Drissa",
    "Yacouba", "Hamidou", "Aliou", "Issa", "Salif", "Tiémoko", "Siaka", "Fousseyni",
    "Mahamadou", "Amadou", "Bréhima", "Daouda", "Karim", "Mohamed", "Youssouf",
)
FEMALE_FIRST = (
    "Aminata", "Fatoumata", "Mariam", "Kadiatou", "Oumou", "Awa", "Assétou", "Djénéba",
    "Rokia", "Salimata", "Hawa", "Bintou", "Aïssata", "Kadidia", "Nana", "Fanta",
    "Maïmouna", "Coumba", "Ramata", "Safiatou", "Mariétou", "Korotoumou", "Sitan",
)
BIRTH_PLACES = (
    "Bamako", "Kati", "Koulikoro", "Ségou", "San", "Mopti", "Djenné", "Sikasso",
    "Koutiala", "Bougouni", "Kayes", "Kita", "Nioro du Sahel", "Tombouctou", "Gao",
    "Bourem", "Ansongo", "Kidal", "Ménaka", "Douentza", "Bandiagara", "Nara", "Dioïla",
    "Kolokani", "Banamba", "Yanfolila", "Kadiolo", "Diéma", "Macina", "Niono",
)
QUARTERS = (
    "Hamdallaye ACI 2000", "Badalabougou", "Magnambougou", "Sogoniko", "Kalaban Coura",
    "Lafiabougou", "Niamakoro", "Banconi", "Djélibougou", "Sébénikoro", "Missira",
    "Médina Coura", "Quinzambougou", "Torokorobougou", "Sabalibougou",
)
