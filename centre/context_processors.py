from django.conf import settings


def site(request):
    return {"SITE_URL": settings.SITE_URL, "IPU": IPU}


# The IPU's identity and contact, as its letterhead gives them.
IPU = {
    "email": "postbox@ipu.org",
    "centre_email": "innovation@ipu.org",
    "phone": "+41 22 919 41 11",
    "fax": "+41 22 919 41 60",
    "website": "https://www.ipu.org",
    "street": "Chemin du Pommier 5",
    "po_box": "Case postale 330",
    "postcode_city": "1218 Le Grand-Saconnex",
}
