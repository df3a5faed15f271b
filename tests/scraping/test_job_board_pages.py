"""Job boards' and careers sites' page layouts read right (issue 16): the employer named under the job's heading on
a job board, the place in the heading's byline or in a LinkedIn-style page title, a section heading that only starts
with "Localização" not taken for the place, and a JSON-LD title or location that says less than the page.

The pages are cut-down copies of the layouts of Expresso Emprego, LinkedIn's job view, a games studio's careers
site and SAPO Emprego (markup and class names theirs); the postings are made up.
"""

from __future__ import annotations

from skillgap.scraping.sources import ScrapedPosting, make_source
from tests.support.scraping import FakeFetcher

AD = (
    "<p>Procuramos um(a) analista para monitorizar a operação e propor melhorias contínuas.</p>"
    "<p><b><u>Localização e Condições</u></b></p><p><b>Horário</b> 2f a 6f, das 09h às 18h</p>"
    "<p>Se procuras um desafio, envia a tua candidatura.</p>"
)

JOB_BOARD = f"""<!DOCTYPE html><html lang="pt-PT"><head><meta charset="utf-8" />
<meta property="og:title" content="Analista de Operações | Lisboa | Híbrido">
<meta property="og:url" content="https://expressoemprego.pt/emprego/analista-de-operacoes/lisboa/2460001">
</head><body><div id="ContentPlaceHolder_pnAnuncio"><div class="posRelative">
<h1 class="fOpenSansSemiBold px30">Analista de Operações | Lisboa | Híbrido (M/F)</h1>
<div class="row"><div class="col-sm-5 col-md-7">
<h2 class="fOpenSansSemiBold px18">Talento Recursos Humanos</h2>
<span class="px13 colorBlack">26.08.2026 <span class="colorBlue2 fontBold">| </span>Lisboa, Portugal
<span class="colorBlue2 fontBold">| </span><span class="colorGray10">Referência:</span> 2460001</span>
</div><div class="wucAnuncioDet"><p class="px20">Descrição da Função</p><h3 class="px14">{AD}</h3></div>
<a class="btn btn-orange" href="https://candidatos.example.pt/vagas/1">ENVIAR CANDIDATURA</a>
</div></div></div></body></html>"""

LINKEDIN = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/>
<title>Data Engineer | Graduate 2027 at Fjord Analytics — Bergen, Vestland, Norway | LinkedIn Jobs</title>
<link rel="canonical" href="https://www.linkedin.com/jobs/view/4400000001"/></head><body>
<section class="top-card-layout"><h1 class="top-card-layout__title">Data Engineer | Graduate 2027</h1>
<a class="topcard__org-name-link" href="https://www.linkedin.com/company/fjord-analytics">Fjord Analytics</a>
</section><section class="core-section-container description"><div class="show-more-less-html__markup">
Fjord Analytics builds weather models for shipping.<br/><br/>You will write the pipelines that feed them.
</div></section></body></html>"""

CAREERS_SITE = """<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>
<title>Esports Partnership Manager | Northwind Games</title>
<meta property="og:site_name" content="Northwind Games"/>
<meta property="og:title" content="Esports Partnership Manager"/>
</head><body><main id="content"><div class="page-header__inner">
<div class="eyebrow page-header__eyebrow"><span>Business Development</span></div>
<h1 class="heading page-header__heading">Esports Partnership Manager</h1>
<div class="heading page-header__subheading">Seoul, Korea<p>Job Id: REQ-0010050</p></div></div>
<div class="job-description"><p>Northwind Games makes games that millions play every month.</p>
<p>You will run our partnerships with media rights holders across the region.</p></div></main></body></html>"""

OWN_SITE = """<!DOCTYPE html><html lang="en"><head><title>Platform Engineer</title></head><body><main>
<h1>Platform Engineer</h1><div class="team">Engineering</div>
<p>At Brightwave we run the grid software that keeps wind farms online.</p>
<p>You will own our Kubernetes clusters and the tooling around them.</p></main></body></html>"""

SAPO = """<!doctype html><html lang="pt"><head><meta charset="utf-8">
<title>Oferta de emprego para Programador .NET | Remoto, Quadrante Sistemas, Remoto - SAPO Emprego</title>
<script type="application/ld+json">[{"@context":"https://schema.org","@type":"JobPosting",
"title":"Programador .NET, Quadrante Sistemas","description":"<p>Projeto 100% remoto em .NET e SQL Server.</p>",
"jobLocation":{"@type":"Place","address":{"@type":"PostalAddress","addressCountry":"PT"}},
"jobLocationType":"TELECOMMUTE","hiringOrganization":{"@type":"Organization","name":"Quadrante Sistemas"}}]</script>
</head><body><div class="metadata"><h2 class="section-title">Resumo da Oferta</h2><ul class="unstyled">
<li class="company"><span>Quadrante Sistemas</span></li><li class="location"><span>Remoto</span></li>
</ul></div></body></html>"""


async def read(url: str, page: str) -> ScrapedPosting:
    (posting,) = [posting async for posting in make_source("job_page", url).fetch(FakeFetcher({url: page}))]
    return posting


async def test_a_job_board_names_the_employer_under_the_heading_and_the_place_in_its_byline() -> None:
    posting = await read("https://expressoemprego.pt/emprego/analista-de-operacoes/lisboa/2460001", JOB_BOARD)
    assert posting.title == "Analista de Operações | Lisboa | Híbrido (M/F)"
    # not "Híbrido" (the shortened og:title's last part) nor the board's own name
    assert posting.company == "Talento Recursos Humanos"
    # not "e Condições" from the ad's "Localização e Condições" heading
    assert posting.locations == ("Lisboa, Portugal",)


async def test_a_linkedin_style_title_gives_the_company_after_at_and_the_place_after_it() -> None:
    posting = await read("https://www.linkedin.com/jobs/view/4400000001", LINKEDIN)
    assert (posting.title, posting.company, posting.locations) == (
        "Data Engineer | Graduate 2027",
        "Fjord Analytics",
        ("Bergen, Vestland, Norway",),
    )


async def test_a_careers_site_gives_the_place_under_the_heading() -> None:
    posting = await read("https://www.northwindgames.com/en/work-with-us/job/7977844", CAREERS_SITE)
    assert (posting.title, posting.company, posting.locations) == (
        "Esports Partnership Manager",
        "Northwind Games",
        ("Seoul, Korea",),
    )


async def test_an_employers_own_site_keeps_its_name_over_the_line_under_the_heading() -> None:
    posting = await read("https://careers.brightwave.io/jobs/12", OWN_SITE)
    assert (posting.title, posting.company) == ("Platform Engineer", "Brightwave")


async def test_json_ld_saying_less_than_the_page_gives_way_to_it() -> None:
    posting = await read("https://emprego.sapo.pt/offers/programador-net?id=1", SAPO)
    # the JSON-LD title without its ", company" tail; the page's "Remoto" before the bare country code
    assert (posting.title, posting.company) == ("Programador .NET", "Quadrante Sistemas")
    assert posting.locations == ("Remoto", "PT")
    assert posting.workplace_type == "remote"
