"""Which training pages are about mainland China, the stream the pipeline serves (they weigh
more in training)."""

import pytest

from consortia.training.corpus import mainland_page


@pytest.mark.parametrize("text, mainland", [
    ("Lanbo Hospital in Chengdu, Sichuan Province, joined an alliance led by a hospital in China.", True),
    ("A clinic in Xiamen, Fujian, opened a ward with a partner from Shenzhen.", True),  # cities count
    ("Lanbo Hospital in Hong Kong signed with clinics in Macau, Taiwan and Hong Kong's New "
     "Territories; China, Guangdong and Shenzhen were named once each.", False),  # more Hong Kong, Macao and Taiwan than mainland
    ("A hospital in Ohio bought a clinic in Texas from a Chinese investor.", False),  # one mention
    ("The Chinatown Clinic in Chinaberry County opened.", False),  # whole words only
])
def test_mainland_page(text, mainland):
    assert mainland_page(text) is mainland
