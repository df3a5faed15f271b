"""Hand-picked learning resources per taxonomy skill id: the input of `build_catalog`.

How the list was chosen:
- Skills: the curated layer of the taxonomy (`skillgap/skills/curated.py`: languages, frameworks, databases,
  clouds, DevOps, data/ML, practices) weighted by the O*NET "hot" / "in demand" flags in `taxonomy.json`, plus
  a few dozen well-known languages and tools the taxonomy takes from GitHub linguist and O*NET. Soft skills are
  left out: a link list does not close that kind of gap.
- Every skill starts with its official documentation (`docs`). For a practice with no single owner (REST,
  system design, TDD, ...) `docs` is the authoritative reference: the standard, the RFC, the defining text, or
  a recognised guideline (OWASP, the Scrum Guide, Google's code review guide).
- Then, where one exists, something to learn with: the project's own tutorial, a well-known free course
  (University of Helsinki MOOCs, MIT OpenCourseWare, freeCodeCamp, Microsoft Learn, Hugging Face), a book whose
  full text the author publishes online, or a practice site (Exercism tracks, pgexercises, OverTheWire).
  Paid resources are rare and marked `free=False`.
- Only URLs we are confident exist: canonical project pages, documentation roots and long-stable paths, never a
  guessed deep link (a documentation root beats a guessed page). Several were cross-checked against how
  public repositories link to them; none were fetched at build time.

Kinds are the proto's `ResourceKind` (docs, tutorial, course, book, practice); `build_catalog` validates ids,
URLs and kinds and orders each skill docs first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from skillgap.learning.catalog import ResourceKind


@dataclass(frozen=True)
class CuratedResource:
    title: str
    url: str
    kind: ResourceKind
    provider: str
    free: bool = True


def _docs(title: str, url: str, provider: str, *, free: bool = True) -> CuratedResource:
    return CuratedResource(title, url, "docs", provider, free)


def _tut(title: str, url: str, provider: str, *, free: bool = True) -> CuratedResource:
    return CuratedResource(title, url, "tutorial", provider, free)


def _course(title: str, url: str, provider: str, *, free: bool = True) -> CuratedResource:
    return CuratedResource(title, url, "course", provider, free)


def _book(title: str, url: str, provider: str, *, free: bool = True) -> CuratedResource:
    return CuratedResource(title, url, "book", provider, free)


def _practice(title: str, url: str, provider: str, *, free: bool = True) -> CuratedResource:
    return CuratedResource(title, url, "practice", provider, free)


def _exercism(slug: str, language: str) -> CuratedResource:
    return _practice(f"Exercism {language} track", f"https://exercism.org/tracks/{slug}", "Exercism")


# Publishers that recur; one spelling each.
PSF = "Python Software Foundation"
MDN = "MDN Web Docs (Mozilla)"
MS = "Microsoft Learn"
MS_SUPPORT = "Microsoft Support"
AWS = "Amazon Web Services"
GCP = "Google Cloud"
GOOGLE = "Google"
APPLE = "Apple Developer"
ANDROID = "Android Developers (Google)"
ORACLE = "Oracle"
IBM = "IBM"
HASHICORP = "HashiCorp"
ELASTIC = "Elastic"
FOWLER = "martinfowler.com"
CLOUDFLARE = "Cloudflare Learning Center"
FCC = "freeCodeCamp"
WEBDEV = "web.dev (Google)"
ATLASSIAN = "Atlassian"
RFC = "IETF (RFC Editor)"
W3C = "W3C"
OWASP = "OWASP Foundation"
HF = "Hugging Face"
ROADMAP = "roadmap.sh"
PG = "PostgreSQL Global Development Group"
HELSINKI = "University of Helsinki"
ODIN = "The Odin Project"
GITHUB = "GitHub"
KAGGLE = "Kaggle"
APACHE = "Apache Software Foundation"
SPRING = "Spring (Broadcom)"
MATHWORKS = "MathWorks"
SALESFORCE = "Salesforce"
SAP = "SAP"
GNU = "GNU Project"
NVIDIA = "NVIDIA"
REDHAT = "Red Hat"
JETBRAINS = "JetBrains"

# Shared across several skills.
_PRO_GIT = _book("Pro Git", "https://git-scm.com/book/en/v2", "Scott Chacon and Ben Straub")
_GITHUB_SKILLS = _course("GitHub Skills", "https://skills.github.com/", GITHUB)
_FULL_STACK_OPEN = _course("Full Stack Open", "https://fullstackopen.com/en/", HELSINKI)
_ODIN = _course("The Odin Project", "https://www.theodinproject.com/", ODIN)
_MDN_WEB = _docs("MDN Web Docs: web technology reference", "https://developer.mozilla.org/en-US/docs/Web", MDN)
_MDN_HTTP = _docs("HTTP (MDN)", "https://developer.mozilla.org/en-US/docs/Web/HTTP", MDN)
_TLCL = _book("The Linux Command Line", "https://linuxcommand.org/tlcl.php", "William Shotts")
_BASH_MANUAL = _docs("GNU Bash Reference Manual", "https://www.gnu.org/software/bash/manual/", GNU)
_BASH_GUIDE = _tut("BashGuide", "https://mywiki.wooledge.org/BashGuide", "Greg's Wiki (wooledge.org)")
_PY_DATA = _book("Python for Data Analysis, 3rd edition (open access)", "https://wesmckinney.com/book/", "Wes McKinney")
_PY_DS_HANDBOOK = _book(
    "Python Data Science Handbook", "https://jakevdp.github.io/PythonDataScienceHandbook/", "Jake VanderPlas"
)
_R4DS = _book(
    "R for Data Science (2e)", "https://r4ds.hadley.nz/", "Hadley Wickham, Mine Çetinkaya-Rundel, Garrett Grolemund"
)
_D2L = _book("Dive into Deep Learning", "https://d2l.ai/", "Zhang, Lipton, Li and Smola")
_FASTAI = _course("Practical Deep Learning for Coders", "https://course.fast.ai/", "fast.ai")
_HF_LLM_COURSE = _course("Hugging Face LLM Course", "https://huggingface.co/learn/llm-course", HF)
_SKLEARN_GUIDE = _docs("scikit-learn user guide", "https://scikit-learn.org/stable/user_guide.html", "scikit-learn")
_PYTORCH_DOCS = _docs("PyTorch documentation", "https://pytorch.org/docs/stable/index.html", "PyTorch Foundation")
_OPENCV_DOCS = _docs("OpenCV documentation", "https://docs.opencv.org/4.x/", "OpenCV")
_SPRING_ACADEMY = _course("Spring Academy", "https://spring.academy/", SPRING)
_TRAILHEAD = _course("Trailhead", "https://trailhead.salesforce.com/", SALESFORCE)
_SAP_LEARNING = _course("SAP Learning", "https://learning.sap.com/", SAP)
_CS193P = _course("CS193p: Developing Apps for iOS", "https://cs193p.sites.stanford.edu/", "Stanford University")
_APPLE_DOCS = _docs("Apple Developer Documentation", "https://developer.apple.com/documentation/", APPLE)
_ANDROID_DOCS = _docs("Android developer documentation", "https://developer.android.com/docs", ANDROID)
_ANDROID_BASICS = _course(
    "Android Basics with Compose", "https://developer.android.com/courses/android-basics-compose/course", ANDROID
)
_DOTNET_TRAINING = _course(".NET training on Microsoft Learn", "https://learn.microsoft.com/en-us/training/dotnet/", MS)
_TEST_PYRAMID = _tut(
    "The Practical Test Pyramid", "https://martinfowler.com/articles/practical-test-pyramid.html", FOWLER
)
_PLAYWRIGHT_DOCS = _docs("Playwright documentation", "https://playwright.dev/docs/intro", "Microsoft (Playwright)")
_SELENIUM_DOCS = _docs("Selenium documentation", "https://www.selenium.dev/documentation/", "Selenium project")
_CYPRESS_DOCS = _docs("Cypress documentation", "https://docs.cypress.io/", "Cypress.io")
_JMETER_DOCS = _docs("Apache JMeter user manual", "https://jmeter.apache.org/usermanual/index.html", APACHE)
_PORTSWIGGER_ACADEMY = _course("Web Security Academy", "https://portswigger.net/web-security", "PortSwigger")
_OWASP_TOP10 = _docs("OWASP Top 10", "https://owasp.org/www-project-top-ten/", OWASP)
_OWASP_CHEATSHEETS = _docs("OWASP Cheat Sheet Series", "https://cheatsheetseries.owasp.org/", OWASP)
_OVERTHEWIRE = _practice("OverTheWire wargames", "https://overthewire.org/wargames/", "OverTheWire")
_SRE_BOOK = _book("Site Reliability Engineering", "https://sre.google/sre-book/table-of-contents/", GOOGLE)
_DDIA = _book("Designing Data-Intensive Applications", "https://dataintensive.net/", "Martin Kleppmann", free=False)
_WELL_ARCHITECTED = _docs(
    "AWS Well-Architected Framework",
    "https://docs.aws.amazon.com/wellarchitected/latest/framework/welcome.html",
    AWS,
)
_AZURE_ARCHITECTURE = _docs("Azure Architecture Center", "https://learn.microsoft.com/en-us/azure/architecture/", MS)
_MS_API_GUIDELINES = _docs("Microsoft REST API Guidelines", "https://github.com/microsoft/api-guidelines", "Microsoft")
_ZALANDO_API = _docs(
    "Zalando RESTful API and Event Guidelines", "https://opensource.zalando.com/restful-api-guidelines/", "Zalando"
)
_HPBN = _book("High Performance Browser Networking", "https://hpbn.co/", "Ilya Grigorik")
_OSTEP = _book(
    "Operating Systems: Three Easy Pieces", "https://pages.cs.wisc.edu/~remzi/OSTEP/", "Remzi and Andrea Arpaci-Dusseau"
)
_DOCKER_GET_STARTED = _tut("Docker: Get started", "https://docs.docker.com/get-started/", "Docker")
_K8S_DOCS = _docs("Kubernetes documentation", "https://kubernetes.io/docs/home/", "Kubernetes project")
_K8S_BASICS = _tut(
    "Learn Kubernetes Basics", "https://kubernetes.io/docs/tutorials/kubernetes-basics/", "Kubernetes project"
)
_TERRAFORM_TUTORIALS = _tut("Terraform tutorials", "https://developer.hashicorp.com/terraform/tutorials", HASHICORP)
_GH_ACTIONS_DOCS = _docs("GitHub Actions documentation", "https://docs.github.com/en/actions", GITHUB)
_ATLASSIAN_GIT = _tut("Git tutorials", "https://www.atlassian.com/git/tutorials", ATLASSIAN)
_ATLASSIAN_AGILE = _tut("Agile Coach", "https://www.atlassian.com/agile", ATLASSIAN)
_KAGGLE_SQL = _course("Kaggle Learn: Intro to SQL", "https://www.kaggle.com/learn/intro-to-sql", KAGGLE)
_VB_GET_STARTED = _tut(
    "Get started with Visual Basic", "https://learn.microsoft.com/en-us/dotnet/visual-basic/getting-started/", MS
)
_MS_VB_DOCS = _docs("Visual Basic documentation", "https://learn.microsoft.com/en-us/dotnet/visual-basic/", MS)
_LLAMAINDEX_DOCS = _docs("LlamaIndex documentation", "https://docs.llamaindex.ai/", "LlamaIndex")
_OPENAI_DOCS = _docs("OpenAI API documentation", "https://platform.openai.com/docs", "OpenAI")
_ELASTIC_STACK = _docs("The Elastic Stack", "https://www.elastic.co/docs/get-started/the-stack", ELASTIC)
_FOUNDATIONAL_CSHARP = _course(
    "Foundational C# with Microsoft", "https://www.freecodecamp.org/learn/foundational-c-sharp-with-microsoft/", FCC
)
_MATPLOTLIB_DOCS = _docs("Matplotlib documentation", "https://matplotlib.org/stable/", "Matplotlib")
_FCC_DATA_ANALYSIS = _course(
    "Data Analysis with Python", "https://www.freecodecamp.org/learn/data-analysis-with-python/", FCC
)
_LEARN_GO_WITH_TESTS = _book("Learn Go with Tests", "https://quii.gitbook.io/learn-go-with-tests/", "Chris James")
_HASKELL_MOOC = _course("Haskell MOOC", "https://haskell.mooc.fi/", HELSINKI)
_POSIX = _docs(
    "The Open Group Base Specifications Issue 7 (POSIX.1-2017)",
    "https://pubs.opengroup.org/onlinepubs/9699919799/",
    "The Open Group",
)
_OWASP_WSTG = _docs(
    "OWASP Web Security Testing Guide", "https://owasp.org/www-project-web-security-testing-guide/", OWASP
)
_FCC_CURRICULUM = _course("freeCodeCamp curriculum", "https://www.freecodecamp.org/learn/", FCC)
_LINUX_MAN_PAGES = _docs("Linux man-pages", "https://man7.org/linux/man-pages/", "man7.org (Michael Kerrisk)")
_MS_OFFICE_VBA = _docs("Office VBA reference", "https://learn.microsoft.com/en-us/office/vba/api/overview/", MS)
_SWIFT_BOOK = _book("The Swift Programming Language", "https://docs.swift.org/swift-book/", "Swift project")
_GLSL_BOOK_OF_SHADERS = _book(
    "The Book of Shaders", "https://thebookofshaders.com/", "Patricio Gonzalez Vivo and Jen Lowe"
)
_LEARN_OPENGL = _tut("LearnOpenGL", "https://learnopengl.com/", "Joey de Vries")


RESOURCES: Final[dict[str, tuple[CuratedResource, ...]]] = {
    # --- languages ---------------------------------------------------------------------------------------
    "python": (
        _docs("Python 3 documentation", "https://docs.python.org/3/", PSF),
        _tut("The Python Tutorial", "https://docs.python.org/3/tutorial/", PSF),
        _course(
            "Scientific Computing with Python",
            "https://www.freecodecamp.org/learn/scientific-computing-with-python/",
            FCC,
        ),
        _course("Python Programming MOOC", "https://programming-24.mooc.fi/", HELSINKI),
        _exercism("python", "Python"),
    ),
    "javascript": (
        _docs("JavaScript reference", "https://developer.mozilla.org/en-US/docs/Web/JavaScript", MDN),
        _tut("JavaScript Guide", "https://developer.mozilla.org/en-US/docs/Web/JavaScript/Guide", MDN),
        _tut("The Modern JavaScript Tutorial", "https://javascript.info/", "javascript.info (Ilya Kantor)"),
        _book("Eloquent JavaScript", "https://eloquentjavascript.net/", "Marijn Haverbeke"),
        _exercism("javascript", "JavaScript"),
    ),
    "typescript": (
        _docs("TypeScript documentation", "https://www.typescriptlang.org/docs/", "TypeScript (Microsoft)"),
        _docs(
            "The TypeScript Handbook",
            "https://www.typescriptlang.org/docs/handbook/intro.html",
            "TypeScript (Microsoft)",
        ),
        _tut(
            "TypeScript for JavaScript Programmers",
            "https://www.typescriptlang.org/docs/handbook/typescript-in-5-minutes.html",
            "TypeScript (Microsoft)",
        ),
        _practice("Type Challenges", "https://github.com/type-challenges/type-challenges", "type-challenges"),
        _exercism("typescript", "TypeScript"),
    ),
    "java": (
        _docs("Java documentation", "https://docs.oracle.com/en/java/", ORACLE),
        _tut("Learn Java (dev.java)", "https://dev.java/learn/", ORACLE),
        _tut("The Java Tutorials", "https://docs.oracle.com/javase/tutorial/", ORACLE),
        _course("Java Programming MOOC", "https://java-programming.mooc.fi/", HELSINKI),
        _exercism("java", "Java"),
    ),
    "kotlin": (
        _docs("Kotlin documentation", "https://kotlinlang.org/docs/home.html", JETBRAINS),
        _tut("Get started with Kotlin", "https://kotlinlang.org/docs/getting-started.html", JETBRAINS),
        _practice("Kotlin Koans", "https://play.kotlinlang.org/koans/overview", JETBRAINS),
        _exercism("kotlin", "Kotlin"),
    ),
    "scala": (
        _docs("Scala documentation", "https://docs.scala-lang.org/", "Scala Center"),
        _tut("Tour of Scala", "https://docs.scala-lang.org/tour/tour-of-scala.html", "Scala Center"),
        _book("Scala 3 Book", "https://docs.scala-lang.org/scala3/book/introduction.html", "Scala Center"),
        _exercism("scala", "Scala"),
    ),
    "groovy": (
        _docs("Groovy documentation", "https://groovy-lang.org/documentation.html", "Apache Groovy"),
        _exercism("groovy", "Groovy"),
    ),
    "clojure": (
        _docs("Clojure API reference", "https://clojure.github.io/clojure/", "Clojure"),
        _tut("Learn Clojure", "https://clojure.org/guides/learn/clojure", "Clojure"),
        _book("Clojure for the Brave and True", "https://www.braveclojure.com/", "Daniel Higginbotham"),
        _exercism("clojure", "Clojure"),
    ),
    "go": (
        _docs("Go documentation", "https://go.dev/doc/", "The Go Authors"),
        _docs("Effective Go", "https://go.dev/doc/effective_go", "The Go Authors"),
        _tut("A Tour of Go", "https://go.dev/tour/", "The Go Authors"),
        _tut("Go by Example", "https://gobyexample.com/", "Mark McGranaghan and Eli Bendersky"),
        _LEARN_GO_WITH_TESTS,
        _exercism("go", "Go"),
    ),
    "rust": (
        _docs("Rust standard library documentation", "https://doc.rust-lang.org/std/", "The Rust Project"),
        _book("The Rust Programming Language", "https://doc.rust-lang.org/book/", "The Rust Project"),
        _tut("Rust by Example", "https://doc.rust-lang.org/rust-by-example/", "The Rust Project"),
        _practice("Rustlings", "https://github.com/rust-lang/rustlings", "The Rust Project"),
        _exercism("rust", "Rust"),
    ),
    "c": (
        _docs("C reference", "https://en.cppreference.com/w/c", "cppreference.com"),
        _docs("The GNU C Reference Manual", "https://www.gnu.org/software/gnu-c-manual/", GNU),
        _book("Beej's Guide to C Programming", "https://beej.us/guide/bgc/", 'Brian "Beej" Hall'),
        _exercism("c", "C"),
    ),
    "cpp": (
        _docs("C++ reference", "https://en.cppreference.com/w/cpp", "cppreference.com"),
        _docs(
            "C++ Core Guidelines",
            "https://isocpp.github.io/CppCoreGuidelines/CppCoreGuidelines",
            "Standard C++ Foundation",
        ),
        _tut("Learn C++", "https://www.learncpp.com/", "LearnCpp.com"),
        _exercism("cpp", "C++"),
    ),
    "csharp": (
        _docs("C# documentation", "https://learn.microsoft.com/en-us/dotnet/csharp/", MS),
        _tut("A tour of the C# language", "https://learn.microsoft.com/en-us/dotnet/csharp/tour-of-csharp/", MS),
        _FOUNDATIONAL_CSHARP,
        _exercism("csharp", "C#"),
    ),
    "objective-c": (
        _docs(
            "Programming with Objective-C",
            "https://developer.apple.com/library/archive/documentation/Cocoa/Conceptual/ProgrammingWithObjectiveC/"
            "Introduction/Introduction.html",
            APPLE,
        ),
    ),
    "swift": (
        _docs("Swift documentation", "https://www.swift.org/documentation/", "Swift project"),
        _SWIFT_BOOK,
        _exercism("swift", "Swift"),
    ),
    "php": (
        _docs("PHP manual", "https://www.php.net/manual/en/", "The PHP Group"),
        _tut("PHP: A simple tutorial", "https://www.php.net/manual/en/tutorial.php", "The PHP Group"),
        _book("PHP: The Right Way", "https://phptherightway.com/", "Josh Lockhart and contributors"),
        _exercism("php", "PHP"),
    ),
    "ruby": (
        _docs("Ruby documentation", "https://www.ruby-lang.org/en/documentation/", "Ruby community"),
        _tut("Ruby in Twenty Minutes", "https://www.ruby-lang.org/en/documentation/quickstart/", "Ruby community"),
        _exercism("ruby", "Ruby"),
    ),
    "perl": (
        _docs("Perl documentation (perldoc)", "https://perldoc.perl.org/", "Perl.org"),
        _tut("Learn Perl", "https://learn.perl.org/", "Perl.org"),
        _exercism("perl5", "Perl 5"),
    ),
    "r": (
        _docs("R manuals", "https://cran.r-project.org/manuals.html", "The R Project (CRAN)"),
        _tut(
            "An Introduction to R",
            "https://cran.r-project.org/doc/manuals/r-release/R-intro.html",
            "The R Project (CRAN)",
        ),
        _R4DS,
        _exercism("r", "R"),
    ),
    "matlab": (
        _docs("MATLAB documentation", "https://www.mathworks.com/help/matlab/", MATHWORKS),
        _course("MATLAB Onramp", "https://matlabacademy.mathworks.com/details/matlab-onramp/gettingstarted", MATHWORKS),
    ),
    "julia": (
        _docs("Julia documentation", "https://docs.julialang.org/", "The Julia Project"),
        _tut("Learning Julia", "https://julialang.org/learning/", "The Julia Project"),
        _exercism("julia", "Julia"),
    ),
    "dart": (
        _docs("Dart documentation", "https://dart.dev/guides", "Dart (Google)"),
        _tut("Introduction to Dart", "https://dart.dev/language", "Dart (Google)"),
        _exercism("dart", "Dart"),
    ),
    "elixir": (
        _docs("Elixir documentation", "https://hexdocs.pm/elixir/", "Elixir team"),
        _tut(
            "Elixir: Introduction (getting started guide)", "https://hexdocs.pm/elixir/introduction.html", "Elixir team"
        ),
        _exercism("elixir", "Elixir"),
    ),
    "erlang": (
        _docs("Erlang/OTP documentation", "https://www.erlang.org/docs", "Erlang/OTP team"),
        _book("Learn You Some Erlang for Great Good!", "https://learnyousomeerlang.com/", "Fred Hébert"),
        _exercism("erlang", "Erlang"),
    ),
    "haskell": (
        _docs("Haskell documentation", "https://www.haskell.org/documentation/", "haskell.org"),
        _HASKELL_MOOC,
        _exercism("haskell", "Haskell"),
    ),
    "ocaml": (
        _docs("OCaml documentation", "https://ocaml.org/docs", "OCaml.org"),
        _book("Real World OCaml", "https://dev.realworldocaml.org/", "Yaron Minsky and Anil Madhavapeddy"),
        _exercism("ocaml", "OCaml"),
    ),
    "fsharp": (
        _docs("F# documentation", "https://learn.microsoft.com/en-us/dotnet/fsharp/", MS),
        _tut("F# for Fun and Profit", "https://fsharpforfunandprofit.com/", "Scott Wlaschin"),
        _exercism("fsharp", "F#"),
    ),
    "lua": (
        _docs("Lua 5.4 Reference Manual", "https://www.lua.org/manual/5.4/", "Lua.org (PUC-Rio)"),
        _book("Programming in Lua (first edition)", "https://www.lua.org/pil/contents.html", "Roberto Ierusalimschy"),
        _exercism("lua", "Lua"),
    ),
    "zig": (
        _docs("Zig language reference", "https://ziglang.org/documentation/master/", "Zig Software Foundation"),
        _tut("Learn Zig", "https://ziglang.org/learn/", "Zig Software Foundation"),
        _exercism("zig", "Zig"),
    ),
    "solidity": (
        _docs("Solidity documentation", "https://docs.soliditylang.org/", "Solidity team (Ethereum)"),
        _tut("Solidity by Example", "https://solidity-by-example.org/", "Solidity by Example"),
        _course("CryptoZombies", "https://cryptozombies.io/", "CryptoZombies"),
    ),
    "shell-scripting": (
        _BASH_MANUAL,
        _docs(
            "Shell Command Language (POSIX)",
            "https://pubs.opengroup.org/onlinepubs/9699919799/utilities/V3_chap02.html",
            "The Open Group",
        ),
        _BASH_GUIDE,
        _TLCL,
        _OVERTHEWIRE,
    ),
    "bash": (
        _BASH_MANUAL,
        _BASH_GUIDE,
        _TLCL,
        _exercism("bash", "Bash"),
    ),
    "powershell": (
        _docs("PowerShell documentation", "https://learn.microsoft.com/en-us/powershell/", MS),
        _tut(
            "PowerShell 101", "https://learn.microsoft.com/en-us/powershell/scripting/learn/ps101/00-introduction", MS
        ),
        _exercism("powershell", "PowerShell"),
    ),
    "sql": (
        _docs("The SQL Language (PostgreSQL documentation)", "https://www.postgresql.org/docs/current/sql.html", PG),
        _docs("SQL As Understood By SQLite", "https://www.sqlite.org/lang.html", "SQLite"),
        _tut("SQLBolt", "https://sqlbolt.com/", "SQLBolt"),
        _KAGGLE_SQL,
        _book("Use The Index, Luke!", "https://use-the-index-luke.com/", "Markus Winand"),
        _practice("PostgreSQL Exercises", "https://pgexercises.com/", "pgexercises.com"),
        _practice("SQL Murder Mystery", "https://mystery.knightlab.com/", "Northwestern University Knight Lab"),
    ),
    "t-sql": (
        _docs("Transact-SQL reference", "https://learn.microsoft.com/en-us/sql/t-sql/language-reference", MS),
        _tut(
            "Tutorial: Writing Transact-SQL statements",
            "https://learn.microsoft.com/en-us/sql/t-sql/tutorial-writing-transact-sql-statements",
            MS,
        ),
    ),
    "pl-sql": (
        _docs(
            "PL/SQL Language Reference (Oracle Database 19c)",
            "https://docs.oracle.com/en/database/oracle/oracle-database/19/lnpls/",
            ORACLE,
        ),
        _practice("Oracle Dev Gym", "https://devgym.oracle.com/", ORACLE),
    ),
    "plpgsql": (
        _docs("PL/pgSQL: SQL Procedural Language", "https://www.postgresql.org/docs/current/plpgsql.html", PG),
    ),
    "html": (
        _docs("HTML reference", "https://developer.mozilla.org/en-US/docs/Web/HTML", MDN),
        _docs("HTML Living Standard", "https://html.spec.whatwg.org/", "WHATWG"),
        _course("Learn HTML", "https://web.dev/learn/html", WEBDEV),
        _course(
            "The Odin Project: Foundations",
            "https://www.theodinproject.com/paths/foundations/courses/foundations",
            ODIN,
        ),
    ),
    "css": (
        _docs("CSS reference", "https://developer.mozilla.org/en-US/docs/Web/CSS", MDN),
        _course("Learn CSS", "https://web.dev/learn/css", WEBDEV),
        _practice("Flexbox Froggy", "https://flexboxfroggy.com/", "Codepip"),
        _practice("Grid Garden", "https://cssgridgarden.com/", "Codepip"),
    ),
    "sass": (
        _docs("Sass documentation", "https://sass-lang.com/documentation/", "Sass team"),
        _tut("Sass Basics", "https://sass-lang.com/guide/", "Sass team"),
    ),
    "xml": (_docs("Extensible Markup Language (XML) 1.0", "https://www.w3.org/TR/xml/", W3C),),
    "visual-basic": (
        _MS_VB_DOCS,
        _VB_GET_STARTED,
    ),
    "vb-net": (
        _MS_VB_DOCS,
        _VB_GET_STARTED,
        _exercism("vbnet", "VB.NET"),
    ),
    "vba": (
        _MS_OFFICE_VBA,
        _tut(
            "Getting started with VBA in Office",
            "https://learn.microsoft.com/en-us/office/vba/library-reference/concepts/getting-started-with-vba-in-office",
            MS,
        ),
    ),
    "cobol": (
        _docs("Enterprise COBOL for z/OS documentation", "https://www.ibm.com/docs/en/cobol-zos", IBM),
        _course(
            "COBOL Programming Course",
            "https://github.com/openmainframeproject/cobol-programming-course",
            "Open Mainframe Project",
        ),
        _exercism("cobol", "COBOL"),
    ),
    "fortran": (
        _docs("Fortran-lang: learn", "https://fortran-lang.org/learn/", "Fortran-lang community"),
        _tut("Fortran quickstart tutorial", "https://fortran-lang.org/learn/quickstart/", "Fortran-lang community"),
        _exercism("fortran", "Fortran"),
    ),
    "assembly": (
        _docs(
            "Intel 64 and IA-32 Architectures Software Developer Manuals",
            "https://www.intel.com/content/www/us/en/developer/articles/technical/intel-sdm.html",
            "Intel",
        ),
        _exercism("x86-64-assembly", "x86-64 Assembly"),
    ),
    "abap": (
        _docs(
            "ABAP Keyword Documentation",
            "https://help.sap.com/doc/abapdocu_latest_index_htm/latest/en-US/index.htm",
            SAP,
        ),
        _SAP_LEARNING,
        _exercism("abap", "ABAP"),
    ),
    "apex": (
        _docs(
            "Apex Developer Guide",
            "https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/",
            SALESFORCE,
        ),
        _TRAILHEAD,
    ),
    "delphi": (
        _docs("RAD Studio documentation", "https://docwiki.embarcadero.com/RADStudio/en/Main_Page", "Embarcadero"),
        _exercism("delphi", "Delphi"),
    ),
    "webassembly": (
        _docs("WebAssembly (MDN)", "https://developer.mozilla.org/en-US/docs/WebAssembly", MDN),
        _docs("WebAssembly specification", "https://webassembly.github.io/spec/", "W3C WebAssembly Working Group"),
    ),
    "cuda": (
        _docs("CUDA Toolkit documentation", "https://docs.nvidia.com/cuda/", NVIDIA),
        _docs("CUDA C++ Programming Guide", "https://docs.nvidia.com/cuda/cuda-c-programming-guide/", NVIDIA),
        _tut(
            "An Even Easier Introduction to CUDA",
            "https://developer.nvidia.com/blog/even-easier-introduction-cuda/",
            NVIDIA,
        ),
    ),
    "common-lisp": (
        _docs(
            "Common Lisp HyperSpec", "https://www.lispworks.com/documentation/HyperSpec/Front/index.htm", "LispWorks"
        ),
        _book("Practical Common Lisp", "https://gigamonkeys.com/book/", "Peter Seibel"),
        _exercism("common-lisp", "Common Lisp"),
    ),
    "elm": (
        _docs("An Introduction to Elm", "https://guide.elm-lang.org/", "Elm"),
        _exercism("elm", "Elm"),
    ),
    "nim": (
        _docs("Nim documentation", "https://nim-lang.org/documentation.html", "Nim"),
        _exercism("nim", "Nim"),
    ),
    "crystal": (
        _docs("Crystal language reference", "https://crystal-lang.org/reference/", "Crystal"),
        _exercism("crystal", "Crystal"),
    ),
    "racket": (
        _docs("Racket documentation", "https://docs.racket-lang.org/", "Racket"),
        _book("How to Design Programs", "https://htdp.org/", "Felleisen, Findler, Flatt and Krishnamurthi"),
        _exercism("racket", "Racket"),
    ),
    "gleam": (
        _docs("Gleam documentation", "https://gleam.run/documentation/", "Gleam"),
        _tut("Gleam language tour", "https://tour.gleam.run/", "Gleam"),
        _exercism("gleam", "Gleam"),
    ),
    "d": (
        _docs("D language specification", "https://dlang.org/spec/spec.html", "D Language Foundation"),
        _tut("Dlang Tour", "https://tour.dlang.org/", "D Language Foundation"),
    ),
    "raku": (_docs("Raku documentation", "https://docs.raku.org/", "Raku community"),),
    "ada": (
        _docs("Ada Programming Language", "https://ada-lang.io/", "Ada community"),
        _course("learn.adacore.com", "https://learn.adacore.com/", "AdaCore"),
    ),
    "pascal": (_docs("Free Pascal documentation", "https://www.freepascal.org/docs.html", "Free Pascal team"),),
    "coffeescript": (_docs("CoffeeScript", "https://coffeescript.org/", "CoffeeScript"),),
    "haxe": (_docs("Haxe manual", "https://haxe.org/manual/", "Haxe Foundation"),),
    "cython": (_docs("Cython documentation", "https://cython.readthedocs.io/", "Cython"),),
    "gdscript": (_docs("Godot Engine documentation", "https://docs.godotengine.org/en/stable/", "Godot Engine"),),
    "glsl": (
        _docs(
            "OpenGL Shading Language", "https://www.khronos.org/opengl/wiki/OpenGL_Shading_Language", "Khronos Group"
        ),
        _LEARN_OPENGL,
        _GLSL_BOOK_OF_SHADERS,
    ),
    "hlsl": (
        _docs(
            "HLSL documentation", "https://learn.microsoft.com/en-us/windows/win32/direct3dhlsl/dx-graphics-hlsl", MS
        ),
    ),
    "wgsl": (_docs("WebGPU Shading Language", "https://www.w3.org/TR/WGSL/", W3C),),
    "hcl": (
        _docs("Terraform configuration language", "https://developer.hashicorp.com/terraform/language", HASHICORP),
        _TERRAFORM_TUTORIALS,
    ),
    "makefile": (_docs("GNU make manual", "https://www.gnu.org/software/make/manual/", GNU),),
    "awk": (_docs("The GNU Awk User's Guide", "https://www.gnu.org/software/gawk/manual/", GNU),),
    "sed": (_docs("GNU sed manual", "https://www.gnu.org/software/sed/manual/", GNU),),
    "jq": (_docs("jq manual", "https://jqlang.org/manual/", "jq project"),),
    "nix": (
        _docs("Nix reference manual", "https://nixos.org/manual/nix/stable/", "NixOS Foundation"),
        _tut("nix.dev", "https://nix.dev/", "NixOS Foundation"),
    ),
    "fish": (_docs("fish shell documentation", "https://fishshell.com/docs/current/", "fish-shell"),),
    "nushell": (
        _book("The Nushell Book", "https://www.nushell.sh/book/", "Nushell project"),
        _docs("Nushell command reference", "https://www.nushell.sh/commands/", "Nushell project"),
    ),
    "jsonnet": (_docs("Jsonnet", "https://jsonnet.org/", "Jsonnet (Google)"),),
    "open-policy-agent": (
        _docs("Open Policy Agent documentation", "https://www.openpolicyagent.org/docs/", "Open Policy Agent (CNCF)"),
    ),
    "bicep": (
        _docs("Bicep documentation", "https://learn.microsoft.com/en-us/azure/azure-resource-manager/bicep/", MS),
    ),
    "lean-4": (
        _docs("Lean documentation", "https://lean-lang.org/documentation/", "Lean FRO"),
        _book("Theorem Proving in Lean 4", "https://lean-lang.org/theorem_proving_in_lean4/", "Lean FRO"),
    ),
    "xslt": (_docs("XSL Transformations (XSLT) Version 3.0", "https://www.w3.org/TR/xslt-30/", W3C),),
    "xquery": (_docs("XQuery 3.1: An XML Query Language", "https://www.w3.org/TR/xquery-31/", W3C),),
    "xml-path-language-xpath": (_docs("XML Path Language (XPath) 3.1", "https://www.w3.org/TR/xpath-31/", W3C),),
    "mojo": (_docs("Mojo manual", "https://docs.modular.com/mojo/", "Modular"),),
    "vyper": (_docs("Vyper documentation", "https://docs.vyperlang.org/", "Vyper team"),),
    "tcl": (
        _docs("Tcl/Tk documentation", "https://www.tcl-lang.org/doc/", "Tcl Core Team"),
        _exercism("tcl", "Tcl"),
    ),
    "processing": (
        _docs("Processing reference", "https://processing.org/reference/", "Processing Foundation"),
        _tut("Processing tutorials", "https://processing.org/tutorials", "Processing Foundation"),
    ),
    "thrift": (_docs("Apache Thrift documentation", "https://thrift.apache.org/docs/", APACHE),),
    "cue": (_docs("CUE documentation", "https://cuelang.org/docs/", "CUE project"),),
    "typst": (_docs("Typst documentation", "https://typst.app/docs/", "Typst"),),
    "batchfile": (
        _docs(
            "Windows commands",
            "https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/windows-commands",
            MS,
        ),
    ),
    "power-query": (_docs("Power Query documentation", "https://learn.microsoft.com/en-us/power-query/", MS),),
    "llvm": (
        _docs("LLVM documentation", "https://llvm.org/docs/", "LLVM Project"),
        _tut("My First Language Frontend with LLVM (Kaleidoscope)", "https://llvm.org/docs/tutorial/", "LLVM Project"),
    ),
    "low-level-virtual-machine-llvm-compilers": (
        _docs("LLVM documentation", "https://llvm.org/docs/", "LLVM Project"),
        _tut("My First Language Frontend with LLVM (Kaleidoscope)", "https://llvm.org/docs/tutorial/", "LLVM Project"),
    ),
    # --- front-end frameworks ----------------------------------------------------------------------------
    "react": (
        _docs("React reference", "https://react.dev/reference/react", "React (Meta)"),
        _tut("Learn React", "https://react.dev/learn", "React (Meta)"),
        _tut("Tutorial: Tic-Tac-Toe", "https://react.dev/learn/tutorial-tic-tac-toe", "React (Meta)"),
        _FULL_STACK_OPEN,
    ),
    "react-native": (
        _docs("React Native documentation", "https://reactnative.dev/docs/getting-started", "React Native (Meta)"),
        _tut("React Native: Learn the Basics", "https://reactnative.dev/docs/tutorial", "React Native (Meta)"),
    ),
    "redux": (
        _docs("Redux documentation", "https://redux.js.org/", "Redux"),
        _docs("Redux Toolkit", "https://redux-toolkit.js.org/", "Redux"),
        _tut(
            "Redux Essentials tutorial", "https://redux.js.org/tutorials/essentials/part-1-overview-concepts", "Redux"
        ),
    ),
    "next-js": (
        _docs("Next.js documentation", "https://nextjs.org/docs", "Vercel"),
        _course("Learn Next.js", "https://nextjs.org/learn", "Vercel"),
    ),
    "gatsby": (
        _docs("Gatsby documentation", "https://www.gatsbyjs.com/docs/", "Gatsby"),
        _tut("Gatsby tutorial", "https://www.gatsbyjs.com/docs/tutorial/", "Gatsby"),
    ),
    "angular": (
        _docs("Angular documentation", "https://angular.dev/overview", "Angular (Google)"),
        _tut("Angular tutorials", "https://angular.dev/tutorials", "Angular (Google)"),
    ),
    "angularjs": (
        _docs("AngularJS developer guide", "https://docs.angularjs.org/guide", "AngularJS (Google)"),
        _tut("AngularJS tutorial", "https://docs.angularjs.org/tutorial", "AngularJS (Google)"),
    ),
    "vue": (
        _docs("Vue.js guide", "https://vuejs.org/guide/introduction.html", "Vue.js"),
        _docs("Vue.js API reference", "https://vuejs.org/api/", "Vue.js"),
        _tut("Vue.js tutorial", "https://vuejs.org/tutorial/", "Vue.js"),
    ),
    "nuxt": (_docs("Nuxt documentation", "https://nuxt.com/docs", "Nuxt"),),
    "svelte": (
        _docs("Svelte documentation", "https://svelte.dev/docs", "Svelte"),
        _tut("Svelte tutorial", "https://svelte.dev/tutorial", "Svelte"),
    ),
    "sveltekit": (
        _docs("SvelteKit documentation", "https://svelte.dev/docs/kit", "Svelte"),
        _tut("Svelte tutorial", "https://svelte.dev/tutorial", "Svelte"),
    ),
    "jquery": (
        _docs("jQuery API documentation", "https://api.jquery.com/", "OpenJS Foundation (jQuery)"),
        _tut("jQuery Learning Center", "https://learn.jquery.com/", "OpenJS Foundation (jQuery)"),
    ),
    "ember": (
        _docs("Ember.js guides", "https://guides.emberjs.com/", "Ember.js"),
        _tut("Ember.js tutorial", "https://guides.emberjs.com/release/tutorial/", "Ember.js"),
    ),
    "backbone": (_docs("Backbone.js documentation", "https://backbonejs.org/", "Backbone.js"),),
    "rxjs": (
        _docs("RxJS overview", "https://rxjs.dev/guide/overview", "RxJS"),
        _docs("RxJS API reference", "https://rxjs.dev/api", "RxJS"),
    ),
    "three-js": (
        _docs("three.js documentation", "https://threejs.org/docs/", "three.js"),
        _tut("three.js manual", "https://threejs.org/manual/", "three.js"),
        _course("Three.js Journey", "https://threejs-journey.com/", "Bruno Simon", free=False),
    ),
    "d3": (
        _docs("D3 documentation", "https://d3js.org/", "Observable (D3)"),
        _tut("Getting started with D3", "https://d3js.org/getting-started", "Observable (D3)"),
    ),
    "tailwind": (_docs("Tailwind CSS documentation", "https://tailwindcss.com/docs", "Tailwind Labs"),),
    "bootstrap": (
        _docs(
            "Bootstrap documentation", "https://getbootstrap.com/docs/5.3/getting-started/introduction/", "Bootstrap"
        ),
    ),
    "material-ui": (_docs("Material UI documentation", "https://mui.com/material-ui/getting-started/", "MUI"),),
    "ajax": (
        _docs("Ajax (MDN glossary)", "https://developer.mozilla.org/en-US/docs/Glossary/AJAX", MDN),
        _tut("Using the Fetch API", "https://developer.mozilla.org/en-US/docs/Web/API/Fetch_API/Using_Fetch", MDN),
    ),
    "flexbox": (
        _docs(
            "Basic concepts of flexbox",
            "https://developer.mozilla.org/en-US/docs/Web/CSS/CSS_flexible_box_layout/Basic_concepts_of_flexbox",
            MDN,
        ),
        _practice("Flexbox Froggy", "https://flexboxfroggy.com/", "Codepip"),
    ),
    "jekyll": (_docs("Jekyll documentation", "https://jekyllrb.com/docs/", "Jekyll"),),
    "meteorjs": (_docs("Meteor documentation", "https://docs.meteor.com/", "Meteor Software"),),
    "wordpress": (
        _docs("WordPress Developer Resources", "https://developer.wordpress.org/", "WordPress.org"),
        _course("Learn WordPress", "https://learn.wordpress.org/", "WordPress.org"),
    ),
    "drupal": (_docs("Drupal documentation", "https://www.drupal.org/docs", "Drupal Association"),),
    # --- back-end frameworks and runtimes ----------------------------------------------------------------
    "node-js": (
        _docs("Node.js API documentation", "https://nodejs.org/docs/latest/api/", "OpenJS Foundation (Node.js)"),
        _tut(
            "Introduction to Node.js",
            "https://nodejs.org/en/learn/getting-started/introduction-to-nodejs",
            "OpenJS Foundation (Node.js)",
        ),
        _FULL_STACK_OPEN,
    ),
    "express": (
        _docs("Express documentation", "https://expressjs.com/", "OpenJS Foundation (Express)"),
        _tut(
            "Express 'Hello world' example",
            "https://expressjs.com/en/starter/hello-world.html",
            "OpenJS Foundation (Express)",
        ),
        _tut(
            "Express web framework (Node.js/JavaScript)",
            "https://developer.mozilla.org/en-US/docs/Learn_web_development/Extensions/Server-side/Express_Nodejs",
            MDN,
        ),
    ),
    "nest-js": (
        _docs("NestJS documentation", "https://docs.nestjs.com/", "NestJS"),
        _course("NestJS official courses", "https://courses.nestjs.com/", "NestJS", free=False),
    ),
    "deno": (_docs("Deno documentation", "https://docs.deno.com/", "Deno Land"),),
    "electron": (
        _docs("Electron documentation", "https://www.electronjs.org/docs/latest/", "OpenJS Foundation (Electron)"),
        _tut(
            "Electron tutorial",
            "https://www.electronjs.org/docs/latest/tutorial/tutorial-prerequisites",
            "OpenJS Foundation (Electron)",
        ),
    ),
    "django": (
        _docs("Django documentation", "https://docs.djangoproject.com/en/stable/", "Django Software Foundation"),
        _tut(
            "Writing your first Django app",
            "https://docs.djangoproject.com/en/stable/intro/tutorial01/",
            "Django Software Foundation",
        ),
        _tut("Django Girls Tutorial", "https://tutorial.djangogirls.org/", "Django Girls"),
    ),
    "flask": (
        _docs("Flask documentation", "https://flask.palletsprojects.com/", "Pallets"),
        _tut("Flask tutorial", "https://flask.palletsprojects.com/en/stable/tutorial/", "Pallets"),
        _tut(
            "The Flask Mega-Tutorial",
            "https://blog.miguelgrinberg.com/post/the-flask-mega-tutorial-part-i-hello-world",
            "Miguel Grinberg",
        ),
    ),
    "fastapi": (
        _docs("FastAPI documentation", "https://fastapi.tiangolo.com/", "FastAPI"),
        _tut("FastAPI tutorial: user guide", "https://fastapi.tiangolo.com/tutorial/", "FastAPI"),
    ),
    "celery": (
        _docs("Celery documentation", "https://docs.celeryq.dev/en/stable/", "Celery project"),
        _tut(
            "First steps with Celery",
            "https://docs.celeryq.dev/en/stable/getting-started/first-steps-with-celery.html",
            "Celery project",
        ),
    ),
    "sqlalchemy": (
        _docs("SQLAlchemy documentation", "https://docs.sqlalchemy.org/", "SQLAlchemy"),
        _tut("SQLAlchemy Unified Tutorial", "https://docs.sqlalchemy.org/en/20/tutorial/", "SQLAlchemy"),
    ),
    "pydantic": (_docs("Pydantic documentation", "https://docs.pydantic.dev/latest/", "Pydantic"),),
    "spring": (
        _docs("Spring Framework reference", "https://docs.spring.io/spring-framework/reference/", SPRING),
        _tut("Spring guides", "https://spring.io/guides", SPRING),
        _SPRING_ACADEMY,
    ),
    "spring-boot": (
        _docs("Spring Boot reference documentation", "https://docs.spring.io/spring-boot/index.html", SPRING),
        _tut("Building an application with Spring Boot", "https://spring.io/guides/gs/spring-boot/", SPRING),
        _SPRING_ACADEMY,
    ),
    "hibernate": (
        _docs("Hibernate ORM documentation", "https://hibernate.org/orm/documentation/", "Hibernate (Red Hat)"),
    ),
    "jakarta-ee": (
        _docs("Jakarta EE specifications", "https://jakarta.ee/specifications/", "Eclipse Foundation"),
        _tut("Jakarta EE Tutorial", "https://jakarta.ee/learn/docs/jakartaee-tutorial/current/", "Eclipse Foundation"),
    ),
    "jsp": (
        _docs("Jakarta Server Pages specification", "https://jakarta.ee/specifications/pages/", "Eclipse Foundation"),
    ),
    "eclipse-jersey": (_docs("Eclipse Jersey", "https://eclipse-ee4j.github.io/jersey/", "Eclipse Foundation"),),
    "red-hat-wildfly": (_docs("WildFly documentation", "https://docs.wildfly.org/", "WildFly (Red Hat)"),),
    "quarkus": (
        _docs("Quarkus guides", "https://quarkus.io/guides/", "Quarkus"),
        _tut("Get started with Quarkus", "https://quarkus.io/get-started/", "Quarkus"),
    ),
    "micronaut": (
        _docs("Micronaut user guide", "https://docs.micronaut.io/latest/guide/", "Micronaut Foundation"),
        _tut("Micronaut guides", "https://guides.micronaut.io/", "Micronaut Foundation"),
    ),
    "struts": (
        _docs("Apache Struts documentation", "https://struts.apache.org/", APACHE),
        _tut("Struts: getting started", "https://struts.apache.org/getting-started/", APACHE),
    ),
    "rails": (
        _docs("Ruby on Rails Guides", "https://guides.rubyonrails.org/", "Rails"),
        _docs("Ruby on Rails API", "https://api.rubyonrails.org/", "Rails"),
        _tut("Getting Started with Rails", "https://guides.rubyonrails.org/getting_started.html", "Rails"),
        _course(
            "The Odin Project: Full Stack Ruby on Rails",
            "https://www.theodinproject.com/paths/full-stack-ruby-on-rails",
            ODIN,
        ),
    ),
    "laravel": (
        _docs("Laravel documentation", "https://laravel.com/docs", "Laravel"),
        _course("Laracasts", "https://laracasts.com/", "Laracasts", free=False),
    ),
    "symfony": (
        _docs("Symfony documentation", "https://symfony.com/doc/current/index.html", "Symfony"),
        _book("Symfony: The Fast Track", "https://symfony.com/book", "Fabien Potencier"),
        _course("SymfonyCasts", "https://symfonycasts.com/", "SymfonyCasts", free=False),
    ),
    "zend": (
        _docs("Laminas documentation (successor of Zend Framework)", "https://docs.laminas.dev/", "Laminas Project"),
    ),
    "phoenix": (_docs("Phoenix documentation", "https://hexdocs.pm/phoenix/overview.html", "Phoenix Framework"),),
    "dotnet": (
        _docs(".NET documentation", "https://learn.microsoft.com/en-us/dotnet/", MS),
        _DOTNET_TRAINING,
        _FOUNDATIONAL_CSHARP,
    ),
    "asp-net": (
        _docs("ASP.NET Core documentation", "https://learn.microsoft.com/en-us/aspnet/core/", MS),
        _tut(
            "Tutorial: Create a web API with ASP.NET Core",
            "https://learn.microsoft.com/en-us/aspnet/core/tutorials/first-web-api",
            MS,
        ),
        _DOTNET_TRAINING,
    ),
    "entity-framework": (
        _docs("Entity Framework Core documentation", "https://learn.microsoft.com/en-us/ef/core/", MS),
        _tut(
            "Getting started with EF Core",
            "https://learn.microsoft.com/en-us/ef/core/get-started/overview/first-app",
            MS,
        ),
    ),
    "blazor": (
        _docs("ASP.NET Core Blazor", "https://learn.microsoft.com/en-us/aspnet/core/blazor/", MS),
        _DOTNET_TRAINING,
    ),
    "wpf": (
        _docs(
            "Windows Presentation Foundation documentation", "https://learn.microsoft.com/en-us/dotnet/desktop/wpf/", MS
        ),
    ),
    "xamarin": (
        _docs("Xamarin documentation (retired)", "https://learn.microsoft.com/en-us/xamarin/", MS),
        _docs(".NET MAUI documentation (Xamarin's successor)", "https://learn.microsoft.com/en-us/dotnet/maui/", MS),
    ),
    "linq": (_docs("Language Integrated Query (LINQ)", "https://learn.microsoft.com/en-us/dotnet/csharp/linq/", MS),),
    "ado-net": (_docs("ADO.NET overview", "https://learn.microsoft.com/en-us/dotnet/framework/data/adonet/", MS),),
    # --- mobile, desktop, games --------------------------------------------------------------------------
    "flutter": (
        _docs("Flutter documentation", "https://docs.flutter.dev/", "Flutter (Google)"),
        _tut(
            "Your first Flutter app (codelab)",
            "https://codelabs.developers.google.com/codelabs/flutter-codelab-first",
            GOOGLE,
        ),
    ),
    "android": (
        _ANDROID_DOCS,
        _ANDROID_BASICS,
    ),
    "ios": (
        _APPLE_DOCS,
        _tut("SwiftUI tutorials", "https://developer.apple.com/tutorials/swiftui", APPLE),
        _CS193P,
    ),
    "swiftui": (
        _docs("SwiftUI documentation", "https://developer.apple.com/documentation/swiftui", APPLE),
        _tut("SwiftUI tutorials", "https://developer.apple.com/tutorials/swiftui", APPLE),
        _CS193P,
    ),
    "uikit": (_docs("UIKit documentation", "https://developer.apple.com/documentation/uikit", APPLE),),
    "apple-cocoa": (_docs("AppKit documentation", "https://developer.apple.com/documentation/appkit", APPLE),),
    "jetpack-compose": (
        _docs(
            "Jetpack Compose documentation", "https://developer.android.com/develop/ui/compose/documentation", ANDROID
        ),
        _tut("Jetpack Compose tutorial", "https://developer.android.com/develop/ui/compose/tutorial", ANDROID),
        _ANDROID_BASICS,
    ),
    "qt": (
        _docs("Qt documentation", "https://doc.qt.io/", "The Qt Company"),
        _course("Qt Academy", "https://www.qt.io/academy", "The Qt Company"),
    ),
    "unity": (
        _docs("Unity Manual", "https://docs.unity3d.com/Manual/index.html", "Unity Technologies"),
        _course("Unity Learn", "https://learn.unity.com/", "Unity Technologies"),
    ),
    "unreal-engine": (
        _docs(
            "Unreal Engine documentation", "https://dev.epicgames.com/documentation/en-us/unreal-engine", "Epic Games"
        ),
        _course(
            "Unreal Engine learning library", "https://dev.epicgames.com/community/unreal-engine/learning", "Epic Games"
        ),
    ),
    # --- APIs and protocols ------------------------------------------------------------------------------
    "graphql": (
        _docs("GraphQL specification", "https://spec.graphql.org/", "GraphQL Foundation"),
        _tut("Learn GraphQL", "https://graphql.org/learn/", "GraphQL Foundation"),
        _course("How to GraphQL", "https://www.howtographql.com/", "How to GraphQL"),
    ),
    "apollo": (
        _docs("Apollo GraphQL documentation", "https://www.apollographql.com/docs/", "Apollo Graph"),
        _course("Apollo Odyssey tutorials", "https://www.apollographql.com/tutorials/", "Apollo Graph"),
    ),
    "grpc": (
        _docs("gRPC documentation", "https://grpc.io/docs/", "gRPC Authors (CNCF)"),
        _tut("Introduction to gRPC", "https://grpc.io/docs/what-is-grpc/introduction/", "gRPC Authors (CNCF)"),
        _tut("gRPC quick starts by language", "https://grpc.io/docs/languages/", "gRPC Authors (CNCF)"),
    ),
    "protobuf": (
        _docs("Protocol Buffers documentation", "https://protobuf.dev/", GOOGLE),
        _docs("Language Guide (proto 3)", "https://protobuf.dev/programming-guides/proto3/", GOOGLE),
        _tut("Protocol Buffers tutorials", "https://protobuf.dev/getting-started/", GOOGLE),
    ),
    "rest": (
        _docs(
            "Representational State Transfer (REST), Fielding's dissertation ch. 5",
            "https://ics.uci.edu/~fielding/pubs/dissertation/rest_arch_style.htm",
            "Roy T. Fielding",
        ),
        _MDN_HTTP,
        _MS_API_GUIDELINES,
        _tut("REST API Tutorial", "https://restfulapi.net/", "restfulapi.net"),
        _ZALANDO_API,
    ),
    "soap": (_docs("SOAP Version 1.2", "https://www.w3.org/TR/soap12/", W3C),),
    "websockets": (
        _docs("The WebSocket API (MDN)", "https://developer.mozilla.org/en-US/docs/Web/API/WebSockets_API", MDN),
        _docs("RFC 6455: The WebSocket Protocol", "https://www.rfc-editor.org/rfc/rfc6455", RFC),
        _tut(
            "Writing WebSocket client applications",
            "https://developer.mozilla.org/en-US/docs/Web/API/WebSockets_API/Writing_WebSocket_client_applications",
            MDN,
        ),
    ),
    "http": (
        _MDN_HTTP,
        _docs("RFC 9110: HTTP Semantics", "https://www.rfc-editor.org/rfc/rfc9110", RFC),
        _HPBN,
    ),
    "openapi": (
        _docs("OpenAPI Specification (latest)", "https://spec.openapis.org/oas/latest.html", "OpenAPI Initiative"),
        _docs("Swagger documentation", "https://swagger.io/docs/", "SmartBear (Swagger)"),
        _tut("OpenAPI documentation: getting started", "https://learn.openapis.org/", "OpenAPI Initiative"),
    ),
    "json": (
        _docs("Introducing JSON", "https://www.json.org/json-en.html", "json.org"),
        _docs("RFC 8259: The JSON Data Interchange Format", "https://www.rfc-editor.org/rfc/rfc8259", RFC),
        _docs("JSON Schema", "https://json-schema.org/", "JSON Schema"),
        _tut(
            "Working with JSON",
            "https://developer.mozilla.org/en-US/docs/Learn_web_development/Core/Scripting/JSON",
            MDN,
        ),
    ),
    "yaml": (_docs("YAML 1.2.2 specification", "https://yaml.org/spec/1.2.2/", "YAML Language Development Team"),),
    "apache-avro": (_docs("Apache Avro documentation", "https://avro.apache.org/docs/", APACHE),),
    # --- data and machine learning -----------------------------------------------------------------------
    "pytorch": (
        _PYTORCH_DOCS,
        _tut("PyTorch tutorials", "https://pytorch.org/tutorials/", "PyTorch Foundation"),
        _tut("Learn the Basics", "https://pytorch.org/tutorials/beginner/basics/intro.html", "PyTorch Foundation"),
        _D2L,
    ),
    "tensorflow": (
        _docs("TensorFlow API documentation", "https://www.tensorflow.org/api_docs", GOOGLE),
        _tut("TensorFlow tutorials", "https://www.tensorflow.org/tutorials", GOOGLE),
    ),
    "keras": (
        _docs("Keras API reference", "https://keras.io/api/", "Keras"),
        _tut("Keras developer guides", "https://keras.io/guides/", "Keras"),
        _tut("Keras code examples", "https://keras.io/examples/", "Keras"),
    ),
    "jax": (_docs("JAX documentation", "https://docs.jax.dev/en/latest/", GOOGLE),),
    "scikit-learn": (
        _SKLEARN_GUIDE,
        _tut("scikit-learn tutorials", "https://scikit-learn.org/stable/tutorial/index.html", "scikit-learn"),
        _course(
            "Machine learning in Python with scikit-learn (MOOC)", "https://inria.github.io/scikit-learn-mooc/", "Inria"
        ),
    ),
    "xgboost": (_docs("XGBoost documentation", "https://xgboost.readthedocs.io/", "XGBoost (DMLC)"),),
    "lightgbm": (_docs("LightGBM documentation", "https://lightgbm.readthedocs.io/", "Microsoft (LightGBM)"),),
    "pandas": (
        _docs("pandas documentation", "https://pandas.pydata.org/docs/", "pandas (NumFOCUS)"),
        _tut("10 minutes to pandas", "https://pandas.pydata.org/docs/user_guide/10min.html", "pandas (NumFOCUS)"),
        _course("Kaggle Learn: Pandas", "https://www.kaggle.com/learn/pandas", KAGGLE),
        _PY_DATA,
    ),
    "numpy": (
        _docs("NumPy documentation", "https://numpy.org/doc/stable/", "NumPy (NumFOCUS)"),
        _tut(
            "NumPy: the absolute basics for beginners",
            "https://numpy.org/doc/stable/user/absolute_beginners.html",
            "NumPy (NumFOCUS)",
        ),
        _PY_DS_HANDBOOK,
    ),
    "scipy": (
        _docs("SciPy documentation", "https://docs.scipy.org/doc/scipy/", "SciPy (NumFOCUS)"),
        _tut("SciPy user guide", "https://docs.scipy.org/doc/scipy/tutorial/index.html", "SciPy (NumFOCUS)"),
    ),
    "polars": (_docs("Polars user guide", "https://docs.pola.rs/", "Polars"),),
    "dask": (
        _docs("Dask documentation", "https://docs.dask.org/", "Dask (NumFOCUS)"),
        _tut("Dask tutorial", "https://tutorial.dask.org/", "Dask (NumFOCUS)"),
    ),
    "matplotlib": (
        _MATPLOTLIB_DOCS,
        _tut("Matplotlib tutorials", "https://matplotlib.org/stable/tutorials/index.html", "Matplotlib"),
        _PY_DS_HANDBOOK,
    ),
    "seaborn": (
        _docs("seaborn documentation", "https://seaborn.pydata.org/", "seaborn"),
        _tut("seaborn user guide and tutorial", "https://seaborn.pydata.org/tutorial.html", "seaborn"),
    ),
    "plotly": (_docs("Plotly Python graphing library", "https://plotly.com/python/", "Plotly"),),
    "jupyter": (_docs("Project Jupyter documentation", "https://docs.jupyter.org/", "Project Jupyter"),),
    "hugging-face": (
        _docs("Hugging Face documentation", "https://huggingface.co/docs", HF),
        _course("Hugging Face Learn", "https://huggingface.co/learn", HF),
    ),
    "langchain": (
        _docs("LangChain documentation", "https://python.langchain.com/", "LangChain"),
        _course("LangChain Academy", "https://academy.langchain.com/", "LangChain"),
    ),
    "llamaindex": (_LLAMAINDEX_DOCS,),
    "openai-api": (
        _OPENAI_DOCS,
        _tut("OpenAI Cookbook", "https://cookbook.openai.com/", "OpenAI"),
    ),
    "spacy": (
        _docs("spaCy usage documentation", "https://spacy.io/usage", "Explosion"),
        _course("Advanced NLP with spaCy", "https://course.spacy.io/", "Explosion"),
    ),
    "nltk": (
        _docs("NLTK documentation", "https://www.nltk.org/", "NLTK Project"),
        _book("Natural Language Processing with Python", "https://www.nltk.org/book/", "Bird, Klein and Loper"),
    ),
    "opencv": (
        _OPENCV_DOCS,
        _tut("OpenCV-Python tutorials", "https://docs.opencv.org/4.x/d6/d00/tutorial_py_root.html", "OpenCV"),
    ),
    "ggplot2": (
        _docs("ggplot2 documentation", "https://ggplot2.tidyverse.org/", "Posit (tidyverse)"),
        _book("ggplot2: Elegant Graphics for Data Analysis (3e)", "https://ggplot2-book.org/", "Hadley Wickham et al."),
    ),
    "tidyverse": (
        _docs("tidyverse", "https://www.tidyverse.org/", "Posit (tidyverse)"),
        _R4DS,
    ),
    "shiny": (
        _docs("Shiny", "https://shiny.posit.co/", "Posit"),
        _book("Mastering Shiny", "https://mastering-shiny.org/", "Hadley Wickham"),
    ),
    "machine-learning": (
        _SKLEARN_GUIDE,
        _course("Machine Learning Crash Course", "https://developers.google.com/machine-learning/crash-course", GOOGLE),
        _course("Elements of AI", "https://www.elementsofai.com/", "University of Helsinki and MinnaLearn"),
        _book("Mathematics for Machine Learning", "https://mml-book.github.io/", "Deisenroth, Faisal and Ong"),
    ),
    "deep-learning": (
        _PYTORCH_DOCS,
        _FASTAI,
        _D2L,
        _book("Deep Learning", "https://www.deeplearningbook.org/", "Goodfellow, Bengio and Courville"),
    ),
    "nlp": (
        _docs("spaCy usage documentation", "https://spacy.io/usage", "Explosion"),
        _HF_LLM_COURSE,
        _book(
            "Speech and Language Processing (3rd ed. draft)",
            "https://web.stanford.edu/~jurafsky/slp3/",
            "Dan Jurafsky and James H. Martin",
        ),
    ),
    "computer-vision": (
        _OPENCV_DOCS,
        _course(
            "CS231n: Deep Learning for Computer Vision (course notes)",
            "https://cs231n.github.io/",
            "Stanford University",
        ),
    ),
    "llm": (
        _docs("Transformers documentation", "https://huggingface.co/docs/transformers/index", HF),
        _HF_LLM_COURSE,
        _course("Neural Networks: Zero to Hero", "https://karpathy.ai/zero-to-hero.html", "Andrej Karpathy"),
    ),
    "generative-ai": (
        _OPENAI_DOCS,
        _course("Generative AI for Beginners", "https://github.com/microsoft/generative-ai-for-beginners", "Microsoft"),
        _HF_LLM_COURSE,
    ),
    "rag": (
        _LLAMAINDEX_DOCS,
        _tut("Advanced RAG (Hugging Face cookbook)", "https://huggingface.co/learn/cookbook/advanced_rag", HF),
    ),
    "prompt-engineering": (
        _docs(
            "Prompt engineering (OpenAI guide)", "https://platform.openai.com/docs/guides/prompt-engineering", "OpenAI"
        ),
        _tut("Prompt Engineering Guide", "https://www.promptingguide.ai/", "DAIR.AI"),
    ),
    "reinforcement-learning": (
        _docs("Gymnasium documentation", "https://gymnasium.farama.org/", "Farama Foundation"),
        _tut("Spinning Up in Deep RL", "https://spinningup.openai.com/", "OpenAI"),
        _course("Deep Reinforcement Learning Course", "https://huggingface.co/learn/deep-rl-course", HF),
    ),
    "mlops": (
        _docs(
            "MLOps: Continuous delivery and automation pipelines in machine learning",
            "https://cloud.google.com/architecture/mlops-continuous-delivery-and-automation-pipelines-in-machine-learning",
            GCP,
        ),
        _course("MLOps Zoomcamp", "https://github.com/DataTalksClub/mlops-zoomcamp", "DataTalks.Club"),
        _course("Made With ML", "https://madewithml.com/", "Goku Mohandas"),
    ),
    "mlflow": (_docs("MLflow documentation", "https://mlflow.org/docs/latest/", "MLflow (Linux Foundation)"),),
    "kubeflow": (_docs("Kubeflow documentation", "https://www.kubeflow.org/docs/", "Kubeflow (CNCF)"),),
    "statistics": (
        _docs("NIST/SEMATECH e-Handbook of Statistical Methods", "https://www.itl.nist.gov/div898/handbook/", "NIST"),
        _course(
            "Statistics and probability", "https://www.khanacademy.org/math/statistics-probability", "Khan Academy"
        ),
        _book("OpenIntro Statistics", "https://www.openintro.org/book/os/", "OpenIntro"),
    ),
    "data-analysis": (
        _docs("pandas user guide", "https://pandas.pydata.org/docs/user_guide/index.html", "pandas (NumFOCUS)"),
        _FCC_DATA_ANALYSIS,
        _PY_DATA,
    ),
    "data-visualization": (
        _MATPLOTLIB_DOCS,
        _course("Kaggle Learn: Data Visualization", "https://www.kaggle.com/learn/data-visualization", KAGGLE),
        _book("Fundamentals of Data Visualization", "https://clauswilke.com/dataviz/", "Claus O. Wilke"),
    ),
    "spark": (
        _docs("Apache Spark documentation", "https://spark.apache.org/docs/latest/", APACHE),
        _tut("Spark quick start", "https://spark.apache.org/docs/latest/quick-start.html", APACHE),
    ),
    "pyspark": (
        _docs("PySpark documentation", "https://spark.apache.org/docs/latest/api/python/index.html", APACHE),
        _tut(
            "PySpark: getting started",
            "https://spark.apache.org/docs/latest/api/python/getting_started/index.html",
            APACHE,
        ),
    ),
    "hadoop": (
        _docs("Apache Hadoop documentation", "https://hadoop.apache.org/docs/stable/", APACHE),
        _tut(
            "Setting up a single node cluster",
            "https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-common/SingleCluster.html",
            APACHE,
        ),
    ),
    "hive": (_docs("Apache Hive documentation", "https://hive.apache.org/docs/latest/", APACHE),),
    "kafka": (
        _docs("Apache Kafka documentation", "https://kafka.apache.org/documentation/", APACHE),
        _tut("Apache Kafka quickstart", "https://kafka.apache.org/quickstart", APACHE),
        _course("Confluent Developer courses", "https://developer.confluent.io/courses/", "Confluent"),
    ),
    "flink": (_docs("Apache Flink documentation", "https://nightlies.apache.org/flink/flink-docs-stable/", APACHE),),
    "beam": (
        _docs("Apache Beam documentation", "https://beam.apache.org/documentation/", APACHE),
        _tut("Tour of Beam", "https://tour.beam.apache.org/", APACHE),
    ),
    "airflow": (
        _docs("Apache Airflow documentation", "https://airflow.apache.org/docs/", APACHE),
        _tut("Airflow tutorials", "https://airflow.apache.org/docs/apache-airflow/stable/tutorial/index.html", APACHE),
    ),
    "dagster": (
        _docs("Dagster documentation", "https://docs.dagster.io/", "Dagster Labs"),
        _course("Dagster University", "https://courses.dagster.io/", "Dagster Labs"),
    ),
    "dbt": (
        _docs("dbt documentation", "https://docs.getdbt.com/", "dbt Labs"),
        _course("dbt Learn", "https://learn.getdbt.com/", "dbt Labs"),
    ),
    "databricks": (_docs("Databricks documentation", "https://docs.databricks.com/", "Databricks"),),
    "fivetran": (_docs("Fivetran documentation", "https://fivetran.com/docs", "Fivetran"),),
    "tableau": (
        _docs(
            "Tableau Desktop help",
            "https://help.tableau.com/current/pro/desktop/en-us/default.htm",
            "Tableau (Salesforce)",
        ),
        _course("Tableau free training videos", "https://www.tableau.com/learn/training", "Tableau (Salesforce)"),
    ),
    "power-bi": (
        _docs("Power BI documentation", "https://learn.microsoft.com/en-us/power-bi/", MS),
        _course(
            "Power BI training on Microsoft Learn",
            "https://learn.microsoft.com/en-us/training/powerplatform/power-bi",
            MS,
        ),
    ),
    "looker": (_docs("Looker documentation", "https://cloud.google.com/looker/docs", GCP),),
    "sas": (_docs("SAS documentation", "https://documentation.sas.com/", "SAS Institute"),),
    "spss": (_docs("IBM SPSS Statistics documentation", "https://www.ibm.com/docs/en/spss-statistics", IBM),),
    "stata": (_docs("Stata documentation", "https://www.stata.com/features/documentation/", "StataCorp"),),
    "alteryx": (_docs("Alteryx help", "https://help.alteryx.com/", "Alteryx"),),
    "informatica": (_docs("Informatica documentation", "https://docs.informatica.com/", "Informatica"),),
    "mathworks-simulink": (_docs("Simulink documentation", "https://www.mathworks.com/help/simulink/", MATHWORKS),),
    "microsoft-sql-server-integration-services-ssis": (
        _docs(
            "SQL Server Integration Services",
            "https://learn.microsoft.com/en-us/sql/integration-services/sql-server-integration-services",
            MS,
        ),
    ),
    "excel": (
        _docs("Excel help & learning", "https://support.microsoft.com/en-us/excel", MS_SUPPORT),
        _MS_OFFICE_VBA,
    ),
    # --- databases ---------------------------------------------------------------------------------------
    "postgresql": (
        _docs("PostgreSQL documentation", "https://www.postgresql.org/docs/current/", PG),
        _tut("PostgreSQL tutorial", "https://www.postgresql.org/docs/current/tutorial.html", PG),
        _practice("PostgreSQL Exercises", "https://pgexercises.com/", "pgexercises.com"),
    ),
    "mysql": (
        _docs("MySQL documentation", "https://dev.mysql.com/doc/", ORACLE),
        _tut("MySQL tutorial", "https://dev.mysql.com/doc/refman/8.4/en/tutorial.html", ORACLE),
    ),
    "mariadb": (_docs("MariaDB documentation", "https://mariadb.com/docs/", "MariaDB"),),
    "sqlite": (
        _docs("SQLite documentation", "https://www.sqlite.org/docs.html", "SQLite"),
        _docs("SQL As Understood By SQLite", "https://www.sqlite.org/lang.html", "SQLite"),
        _tut("SQLite in 5 minutes or less", "https://www.sqlite.org/quickstart.html", "SQLite"),
    ),
    "sql-server": (
        _docs("SQL Server documentation", "https://learn.microsoft.com/en-us/sql/sql-server/", MS),
        _tut(
            "Tutorial: Writing Transact-SQL statements",
            "https://learn.microsoft.com/en-us/sql/t-sql/tutorial-writing-transact-sql-statements",
            MS,
        ),
    ),
    "oracle-database": (
        _docs(
            "Oracle Database documentation",
            "https://docs.oracle.com/en/database/oracle/oracle-database/index.html",
            ORACLE,
        ),
        _practice("Oracle Dev Gym", "https://devgym.oracle.com/", ORACLE),
    ),
    "db2": (_docs("IBM Db2 documentation", "https://www.ibm.com/docs/en/db2", IBM),),
    "teradata": (_docs("Teradata documentation", "https://docs.teradata.com/", "Teradata"),),
    "snowflake": (
        _docs("Snowflake documentation", "https://docs.snowflake.com/", "Snowflake"),
        _tut("Snowflake quickstarts", "https://quickstarts.snowflake.com/", "Snowflake"),
    ),
    "bigquery": (
        _docs("BigQuery documentation", "https://cloud.google.com/bigquery/docs", GCP),
        _KAGGLE_SQL,
    ),
    "redshift": (
        _docs("Amazon Redshift documentation", "https://docs.aws.amazon.com/redshift/", AWS),
        _tut(
            "Getting started with Amazon Redshift",
            "https://docs.aws.amazon.com/redshift/latest/gsg/getting-started.html",
            AWS,
        ),
    ),
    "clickhouse": (_docs("ClickHouse documentation", "https://clickhouse.com/docs", "ClickHouse"),),
    "trino": (_docs("Trino documentation", "https://trino.io/docs/current/", "Trino Software Foundation"),),
    "mongodb": (
        _docs("MongoDB documentation", "https://www.mongodb.com/docs/", "MongoDB"),
        _course("MongoDB University", "https://learn.mongodb.com/", "MongoDB"),
    ),
    "cassandra": (
        _docs("Apache Cassandra documentation", "https://cassandra.apache.org/doc/latest/", APACHE),
        _tut("Apache Cassandra quickstart", "https://cassandra.apache.org/_/quickstart.html", APACHE),
    ),
    "dynamodb": (
        _docs("Amazon DynamoDB documentation", "https://docs.aws.amazon.com/dynamodb/", AWS),
        _tut(
            "Getting started with DynamoDB",
            "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GettingStartedDynamoDB.html",
            AWS,
        ),
    ),
    "redis": (
        _docs("Redis documentation", "https://redis.io/docs/latest/", "Redis"),
        _course("Redis University", "https://university.redis.io/", "Redis"),
    ),
    "memcached": (_docs("Memcached wiki", "https://github.com/memcached/memcached/wiki", "Memcached"),),
    "couchbase": (_docs("Couchbase documentation", "https://docs.couchbase.com/", "Couchbase"),),
    "neo4j": (
        _docs("Neo4j documentation", "https://neo4j.com/docs/", "Neo4j"),
        _course("Neo4j GraphAcademy", "https://graphacademy.neo4j.com/", "Neo4j"),
    ),
    "hbase": (_docs("Apache HBase Reference Guide", "https://hbase.apache.org/book.html", APACHE),),
    "cosmos-db": (_docs("Azure Cosmos DB documentation", "https://learn.microsoft.com/en-us/azure/cosmos-db/", MS),),
    "firebase": (_docs("Firebase documentation", "https://firebase.google.com/docs", "Firebase (Google)"),),
    "influxdb": (_docs("InfluxDB documentation", "https://docs.influxdata.com/", "InfluxData"),),
    "elasticsearch": (
        _docs("Elasticsearch documentation", "https://www.elastic.co/docs/solutions/search", ELASTIC),
        _tut(
            "Run Elasticsearch locally",
            "https://www.elastic.co/docs/solutions/search/run-elasticsearch-locally",
            ELASTIC,
        ),
    ),
    "opensearch": (
        _docs("OpenSearch documentation", "https://docs.opensearch.org/latest/", "OpenSearch Software Foundation"),
    ),
    "solr": (_docs("Apache Solr Reference Guide", "https://solr.apache.org/guide/", APACHE),),
    "vector-databases": (
        _docs("Qdrant documentation", "https://qdrant.tech/documentation/", "Qdrant"),
        _docs("pgvector", "https://github.com/pgvector/pgvector", "pgvector"),
        _tut("Pinecone Learn", "https://www.pinecone.io/learn/", "Pinecone"),
    ),
    "nosql": (
        _docs("MongoDB documentation", "https://www.mongodb.com/docs/", "MongoDB"),
        _course("MongoDB University", "https://learn.mongodb.com/", "MongoDB"),
        _DDIA,
    ),
    "database-design": (
        _docs("Data Definition (PostgreSQL documentation)", "https://www.postgresql.org/docs/current/ddl.html", PG),
        _book("Use The Index, Luke!", "https://use-the-index-luke.com/", "Markus Winand"),
        _DDIA,
    ),
    "prisma": (_docs("Prisma documentation", "https://www.prisma.io/docs", "Prisma"),),
    "microsoft-sql-server-reporting-services-ssrs": (
        _docs("SQL Server Reporting Services", "https://learn.microsoft.com/en-us/sql/reporting-services/", MS),
    ),
    # --- cloud -------------------------------------------------------------------------------------------
    "aws": (
        _docs("AWS documentation", "https://docs.aws.amazon.com/", AWS),
        _WELL_ARCHITECTED,
        _course("AWS Skill Builder", "https://skillbuilder.aws/", AWS),
    ),
    "azure": (
        _docs("Azure documentation", "https://learn.microsoft.com/en-us/azure/", MS),
        _AZURE_ARCHITECTURE,
        _course("Azure training on Microsoft Learn", "https://learn.microsoft.com/en-us/training/azure/", MS),
    ),
    "google-cloud": (
        _docs("Google Cloud documentation", "https://cloud.google.com/docs", GCP),
        _course("Google Cloud training", "https://cloud.google.com/learn/training", GCP),
    ),
    "oracle-cloud": (
        _docs(
            "Oracle Cloud Infrastructure documentation", "https://docs.oracle.com/en-us/iaas/Content/home.htm", ORACLE
        ),
    ),
    "ibm-cloud": (_docs("IBM Cloud documentation", "https://cloud.ibm.com/docs", IBM),),
    "digitalocean": (
        _docs("DigitalOcean documentation", "https://docs.digitalocean.com/", "DigitalOcean"),
        _tut("DigitalOcean community tutorials", "https://www.digitalocean.com/community/tutorials", "DigitalOcean"),
    ),
    "heroku": (
        _docs("Heroku Dev Center", "https://devcenter.heroku.com/", "Heroku (Salesforce)"),
        _tut("Getting started on Heroku", "https://devcenter.heroku.com/start", "Heroku (Salesforce)"),
    ),
    "vercel": (_docs("Vercel documentation", "https://vercel.com/docs", "Vercel"),),
    "netlify": (_docs("Netlify documentation", "https://docs.netlify.com/", "Netlify"),),
    "cloudflare": (
        _docs("Cloudflare developer documentation", "https://developers.cloudflare.com/", "Cloudflare"),
        _tut("Cloudflare Learning Center", "https://www.cloudflare.com/learning/", CLOUDFLARE),
    ),
    "openstack": (_docs("OpenStack documentation", "https://docs.openstack.org/", "OpenInfra Foundation"),),
    "ec2": (
        _docs("Amazon EC2 documentation", "https://docs.aws.amazon.com/ec2/", AWS),
        _tut(
            "Get started with Amazon EC2",
            "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/EC2_GetStarted.html",
            AWS,
        ),
    ),
    "s3": (
        _docs("Amazon S3 documentation", "https://docs.aws.amazon.com/s3/", AWS),
        _tut(
            "Getting started with Amazon S3",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/GetStartedWithS3.html",
            AWS,
        ),
    ),
    "aws-lambda": (
        _docs("AWS Lambda documentation", "https://docs.aws.amazon.com/lambda/", AWS),
        _tut(
            "Create your first Lambda function",
            "https://docs.aws.amazon.com/lambda/latest/dg/getting-started.html",
            AWS,
        ),
    ),
    "ecs": (_docs("Amazon ECS documentation", "https://docs.aws.amazon.com/ecs/", AWS),),
    "eks": (
        _docs("Amazon EKS documentation", "https://docs.aws.amazon.com/eks/", AWS),
        _tut("Amazon EKS Workshop", "https://www.eksworkshop.com/", AWS),
    ),
    "fargate": (
        _docs(
            "AWS Fargate for Amazon ECS",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html",
            AWS,
        ),
    ),
    "rds": (_docs("Amazon RDS documentation", "https://docs.aws.amazon.com/rds/", AWS),),
    "aurora": (
        _docs(
            "What is Amazon Aurora?",
            "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/CHAP_AuroraOverview.html",
            AWS,
        ),
    ),
    "cloudformation": (
        _docs("AWS CloudFormation documentation", "https://docs.aws.amazon.com/cloudformation/", AWS),
        _tut(
            "Getting started with CloudFormation",
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/GettingStarted.html",
            AWS,
        ),
    ),
    "aws-cdk": (
        _docs("AWS CDK documentation", "https://docs.aws.amazon.com/cdk/", AWS),
        _tut("AWS CDK Workshop", "https://cdkworkshop.com/", AWS),
    ),
    "sqs": (_docs("Amazon SQS documentation", "https://docs.aws.amazon.com/sqs/", AWS),),
    "sns": (_docs("Amazon SNS documentation", "https://docs.aws.amazon.com/sns/", AWS),),
    "kinesis": (_docs("Amazon Kinesis documentation", "https://docs.aws.amazon.com/kinesis/", AWS),),
    "athena": (_docs("Amazon Athena documentation", "https://docs.aws.amazon.com/athena/", AWS),),
    "aws-glue": (_docs("AWS Glue documentation", "https://docs.aws.amazon.com/glue/", AWS),),
    "cloudwatch": (_docs("Amazon CloudWatch documentation", "https://docs.aws.amazon.com/cloudwatch/", AWS),),
    "sagemaker": (_docs("Amazon SageMaker documentation", "https://docs.aws.amazon.com/sagemaker/", AWS),),
    "gke": (_docs("Google Kubernetes Engine documentation", "https://cloud.google.com/kubernetes-engine/docs", GCP),),
    "cloud-run": (_docs("Cloud Run documentation", "https://cloud.google.com/run/docs", GCP),),
    "cloud-functions": (_docs("Cloud Functions documentation", "https://cloud.google.com/functions/docs", GCP),),
    "pubsub": (_docs("Pub/Sub documentation", "https://cloud.google.com/pubsub/docs", GCP),),
    "dataflow": (_docs("Dataflow documentation", "https://cloud.google.com/dataflow/docs", GCP),),
    "vertex-ai": (_docs("Vertex AI documentation", "https://cloud.google.com/vertex-ai/docs", GCP),),
    "aks": (_docs("Azure Kubernetes Service documentation", "https://learn.microsoft.com/en-us/azure/aks/", MS),),
    "azure-functions": (
        _docs("Azure Functions documentation", "https://learn.microsoft.com/en-us/azure/azure-functions/", MS),
    ),
    "azure-data-factory": (
        _docs("Azure Data Factory documentation", "https://learn.microsoft.com/en-us/azure/data-factory/", MS),
    ),
    "azure-devops": (
        _docs("Azure DevOps documentation", "https://learn.microsoft.com/en-us/azure/devops/", MS),
        _tut(
            "Create your first pipeline",
            "https://learn.microsoft.com/en-us/azure/devops/pipelines/create-first-pipeline",
            MS,
        ),
    ),
    # --- containers, orchestration, infrastructure as code -------------------------------------------------
    "docker": (
        _docs("Docker documentation", "https://docs.docker.com/", "Docker"),
        _DOCKER_GET_STARTED,
        _practice("Play with Docker", "https://labs.play-with-docker.com/", "Docker"),
    ),
    "kubernetes": (
        _K8S_DOCS,
        _tut("Kubernetes tutorials", "https://kubernetes.io/docs/tutorials/", "Kubernetes project"),
        _K8S_BASICS,
        _tut(
            "Kubernetes The Hard Way", "https://github.com/kelseyhightower/kubernetes-the-hard-way", "Kelsey Hightower"
        ),
        _practice("Killercoda playgrounds", "https://killercoda.com/", "Killercoda"),
    ),
    "openshift": (
        _docs(
            "OpenShift Container Platform documentation",
            "https://docs.redhat.com/en/documentation/openshift_container_platform/",
            REDHAT,
        ),
        _tut("Red Hat Developer: OpenShift learning paths", "https://developers.redhat.com/learn/openshift", REDHAT),
    ),
    "helm": (
        _docs("Helm documentation", "https://helm.sh/docs/", "Helm (CNCF)"),
        _tut("Helm quickstart guide", "https://helm.sh/docs/intro/quickstart/", "Helm (CNCF)"),
    ),
    "istio": (
        _docs("Istio documentation", "https://istio.io/latest/docs/", "Istio (CNCF)"),
        _tut("Istio: getting started", "https://istio.io/latest/docs/setup/getting-started/", "Istio (CNCF)"),
    ),
    "argocd": (
        _docs("Argo CD documentation", "https://argo-cd.readthedocs.io/en/stable/", "Argo Project (CNCF)"),
        _tut(
            "Argo CD: getting started",
            "https://argo-cd.readthedocs.io/en/stable/getting_started/",
            "Argo Project (CNCF)",
        ),
    ),
    "terraform": (
        _docs("Terraform documentation", "https://developer.hashicorp.com/terraform/docs", HASHICORP),
        _docs("Terraform configuration language", "https://developer.hashicorp.com/terraform/language", HASHICORP),
        _TERRAFORM_TUTORIALS,
    ),
    "pulumi": (_docs("Pulumi documentation", "https://www.pulumi.com/docs/", "Pulumi"),),
    "ansible": (
        _docs("Ansible documentation", "https://docs.ansible.com/", "Ansible (Red Hat)"),
        _tut(
            "Getting started with Ansible",
            "https://docs.ansible.com/ansible/latest/getting_started/index.html",
            "Ansible (Red Hat)",
        ),
    ),
    "chef": (_docs("Chef documentation", "https://docs.chef.io/", "Progress Chef"),),
    "puppet": (_docs("Puppet documentation", "https://help.puppet.com/", "Puppet (Perforce)"),),
    "saltstack": (_docs("Salt Project documentation", "https://docs.saltproject.io/", "Salt Project"),),
    "packer": (
        _docs("Packer documentation", "https://developer.hashicorp.com/packer/docs", HASHICORP),
        _tut("Packer tutorials", "https://developer.hashicorp.com/packer/tutorials", HASHICORP),
    ),
    "vagrant": (
        _docs("Vagrant documentation", "https://developer.hashicorp.com/vagrant/docs", HASHICORP),
        _tut("Vagrant tutorials", "https://developer.hashicorp.com/vagrant/tutorials", HASHICORP),
    ),
    "vault": (
        _docs("Vault documentation", "https://developer.hashicorp.com/vault/docs", HASHICORP),
        _tut("Vault tutorials", "https://developer.hashicorp.com/vault/tutorials", HASHICORP),
    ),
    "consul": (
        _docs("Consul documentation", "https://developer.hashicorp.com/consul/docs", HASHICORP),
        _tut("Consul tutorials", "https://developer.hashicorp.com/consul/tutorials", HASHICORP),
    ),
    # --- CI/CD -------------------------------------------------------------------------------------------
    "jenkins": (
        _docs("Jenkins user documentation", "https://www.jenkins.io/doc/", "Jenkins project"),
        _docs("Jenkins Pipeline", "https://www.jenkins.io/doc/book/pipeline/", "Jenkins project"),
        _tut("Jenkins tutorials", "https://www.jenkins.io/doc/tutorials/", "Jenkins project"),
    ),
    "github-actions": (
        _GH_ACTIONS_DOCS,
        _tut("Quickstart for GitHub Actions", "https://docs.github.com/en/actions/quickstart", GITHUB),
        _GITHUB_SKILLS,
    ),
    "gitlab-ci": (
        _docs("GitLab CI/CD documentation", "https://docs.gitlab.com/ci/", "GitLab"),
        _tut("Get started with GitLab CI/CD", "https://docs.gitlab.com/ci/quick_start/", "GitLab"),
    ),
    "circleci": (_docs("CircleCI documentation", "https://circleci.com/docs/", "CircleCI"),),
    "travis-ci": (_docs("Travis CI documentation", "https://docs.travis-ci.com/", "Travis CI"),),
    "bamboo": (_docs("Bamboo documentation", "https://confluence.atlassian.com/bamboo/", ATLASSIAN),),
    "teamcity": (_docs("TeamCity documentation", "https://www.jetbrains.com/help/teamcity/", JETBRAINS),),
    "apache-ant": (_docs("Apache Ant manual", "https://ant.apache.org/manual/", APACHE),),
    # --- operating systems, servers, networking -----------------------------------------------------------
    "linux": (
        _LINUX_MAN_PAGES,
        _tut("Linux Journey", "https://linuxjourney.com/", "Linux Journey"),
        _course(
            "Introduction to Linux (LFS101)",
            "https://training.linuxfoundation.org/training/introduction-to-linux/",
            "The Linux Foundation",
        ),
        _TLCL,
        _practice("OverTheWire: Bandit", "https://overthewire.org/wargames/bandit/", "OverTheWire"),
    ),
    "unix": (
        _POSIX,
        _TLCL,
    ),
    "rhel": (
        _docs(
            "Red Hat Enterprise Linux documentation",
            "https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/",
            REDHAT,
        ),
    ),
    "ubuntu": (
        _docs("Ubuntu Server documentation", "https://ubuntu.com/server/docs", "Canonical"),
        _tut("Ubuntu tutorials", "https://ubuntu.com/tutorials", "Canonical"),
    ),
    "debian": (
        _docs("Debian documentation", "https://www.debian.org/doc/", "Debian project"),
        _book("The Debian Administrator's Handbook", "https://debian-handbook.info/", "Raphaël Hertzog and Roland Mas"),
    ),
    "windows": (_docs("Windows documentation", "https://learn.microsoft.com/en-us/windows/", MS),),
    "windows-server": (_docs("Windows Server documentation", "https://learn.microsoft.com/en-us/windows-server/", MS),),
    "macos": (
        _docs("macOS User Guide", "https://support.apple.com/guide/mac-help/welcome/mac", "Apple Support"),
        _docs("Terminal User Guide", "https://support.apple.com/guide/terminal/welcome/mac", "Apple Support"),
    ),
    "active-directory": (
        _docs(
            "Active Directory Domain Services overview",
            "https://learn.microsoft.com/en-us/windows-server/identity/ad-ds/get-started/virtual-dc/"
            "active-directory-domain-services-overview",
            MS,
        ),
    ),
    "microsoft-internet-information-services-iis": (
        _docs("IIS documentation", "https://learn.microsoft.com/en-us/iis/", MS),
    ),
    "nginx": (
        _docs("nginx documentation", "https://nginx.org/en/docs/", "nginx"),
        _tut("nginx beginner's guide", "https://nginx.org/en/docs/beginners_guide.html", "nginx"),
    ),
    "apache-http-server": (_docs("Apache HTTP Server documentation", "https://httpd.apache.org/docs/", APACHE),),
    "tomcat": (
        _docs("Apache Tomcat 10.1 documentation", "https://tomcat.apache.org/tomcat-10.1-doc/index.html", APACHE),
    ),
    "haproxy": (_docs("HAProxy documentation", "https://docs.haproxy.org/", "HAProxy Technologies"),),
    "envoy": (_docs("Envoy documentation", "https://www.envoyproxy.io/docs/envoy/latest/", "Envoy Proxy (CNCF)"),),
    "networking": (
        _docs("RFC Editor: the Internet standards", "https://www.rfc-editor.org/", RFC),
        _tut("Cloudflare Learning Center", "https://www.cloudflare.com/learning/", CLOUDFLARE),
        _book(
            "Computer Networks: A Systems Approach",
            "https://book.systemsapproach.org/",
            "Larry Peterson and Bruce Davie",
        ),
        _book("Beej's Guide to Network Programming", "https://beej.us/guide/bgnet/", 'Brian "Beej" Hall'),
    ),
    "dns": (
        _docs("RFC 1034: Domain Names - Concepts and Facilities", "https://www.rfc-editor.org/rfc/rfc1034", RFC),
        _tut("What is DNS?", "https://www.cloudflare.com/learning/dns/what-is-dns/", CLOUDFLARE),
        _tut("How DNS works", "https://howdns.works/", "DNSimple"),
    ),
    "load-balancing": (
        _docs("HTTP load balancing (nginx)", "https://nginx.org/en/docs/http/load_balancing.html", "nginx"),
        _tut(
            "What is load balancing?",
            "https://www.cloudflare.com/learning/performance/what-is-load-balancing/",
            CLOUDFLARE,
        ),
    ),
    "wireshark": (
        _docs("Wireshark documentation", "https://www.wireshark.org/docs/", "Wireshark Foundation"),
        _docs("Wireshark User's Guide", "https://www.wireshark.org/docs/wsug_html_chunked/", "Wireshark Foundation"),
        _practice("Wireshark sample captures", "https://wiki.wireshark.org/SampleCaptures", "Wireshark Foundation"),
    ),
    "border-gateway-protocol-bgp": (
        _docs("RFC 4271: A Border Gateway Protocol 4 (BGP-4)", "https://www.rfc-editor.org/rfc/rfc4271", RFC),
        _tut("What is BGP?", "https://www.cloudflare.com/learning/security/glossary/what-is-bgp/", CLOUDFLARE),
    ),
    "tcpdump": (_docs("tcpdump manual page", "https://www.tcpdump.org/manpages/tcpdump.1.html", "The Tcpdump Group"),),
    # --- observability and messaging ---------------------------------------------------------------------
    "prometheus": (
        _docs("Prometheus documentation", "https://prometheus.io/docs/introduction/overview/", "Prometheus (CNCF)"),
        _tut(
            "Getting started with Prometheus",
            "https://prometheus.io/docs/prometheus/latest/getting_started/",
            "Prometheus (CNCF)",
        ),
    ),
    "grafana": (
        _docs("Grafana documentation", "https://grafana.com/docs/grafana/latest/", "Grafana Labs"),
        _tut("Grafana tutorials", "https://grafana.com/tutorials/", "Grafana Labs"),
    ),
    "datadog": (
        _docs("Datadog documentation", "https://docs.datadoghq.com/", "Datadog"),
        _course("Datadog Learning Center", "https://learn.datadoghq.com/", "Datadog"),
    ),
    "splunk": (_docs("Splunk documentation", "https://docs.splunk.com/Documentation", "Splunk (Cisco)"),),
    "new-relic": (_docs("New Relic documentation", "https://docs.newrelic.com/", "New Relic"),),
    "dynatrace": (_docs("Dynatrace documentation", "https://docs.dynatrace.com/docs", "Dynatrace"),),
    "nagios": (_docs("Nagios documentation", "https://www.nagios.org/documentation/", "Nagios"),),
    "zabbix": (_docs("Zabbix manual", "https://www.zabbix.com/documentation/current/en/manual", "Zabbix"),),
    "sentry": (_docs("Sentry documentation", "https://docs.sentry.io/", "Sentry"),),
    "pagerduty": (
        _docs("PagerDuty knowledge base", "https://support.pagerduty.com/", "PagerDuty"),
        _docs("PagerDuty Incident Response documentation", "https://response.pagerduty.com/", "PagerDuty"),
    ),
    "opentelemetry": (
        _docs("OpenTelemetry documentation", "https://opentelemetry.io/docs/", "OpenTelemetry (CNCF)"),
        _docs(
            "Observability primer",
            "https://opentelemetry.io/docs/concepts/observability-primer/",
            "OpenTelemetry (CNCF)",
        ),
    ),
    "kibana": (
        _docs("Explore and analyze with Kibana", "https://www.elastic.co/docs/explore-analyze", ELASTIC),
        _ELASTIC_STACK,
    ),
    "logstash": (
        _docs("Logstash reference", "https://www.elastic.co/docs/reference/logstash", ELASTIC),
        _ELASTIC_STACK,
    ),
    "elk": (_ELASTIC_STACK,),
    "ibm-websphere-mq": (_docs("IBM MQ documentation", "https://www.ibm.com/docs/en/ibm-mq", IBM),),
    "rabbitmq": (
        _docs("RabbitMQ documentation", "https://www.rabbitmq.com/docs", "RabbitMQ (Broadcom)"),
        _tut("RabbitMQ tutorials", "https://www.rabbitmq.com/tutorials", "RabbitMQ (Broadcom)"),
    ),
    "activemq": (
        _docs("ActiveMQ Classic documentation", "https://activemq.apache.org/components/classic/documentation", APACHE),
    ),
    "zookeeper": (_docs("Apache ZooKeeper documentation", "https://zookeeper.apache.org/doc/current/", APACHE),),
    # --- developer tools ---------------------------------------------------------------------------------
    "git": (
        _docs("Git reference", "https://git-scm.com/docs", "Git project"),
        _ATLASSIAN_GIT,
        _GITHUB_SKILLS,
        _PRO_GIT,
        _practice("Learn Git Branching", "https://learngitbranching.js.org/", "Learn Git Branching"),
    ),
    "github": (
        _docs("GitHub Docs", "https://docs.github.com/en", GITHUB),
        _GITHUB_SKILLS,
        _PRO_GIT,
    ),
    "gitlab": (
        _docs("GitLab documentation", "https://docs.gitlab.com/", "GitLab"),
        _PRO_GIT,
    ),
    "bitbucket": (
        _docs("Bitbucket Cloud documentation", "https://support.atlassian.com/bitbucket-cloud/", ATLASSIAN),
        _ATLASSIAN_GIT,
    ),
    "svn": (
        _docs("Apache Subversion documentation", "https://subversion.apache.org/docs/", APACHE),
        _book(
            "Version Control with Subversion",
            "https://svnbook.red-bean.com/",
            "Collins-Sussman, Fitzpatrick and Pilato",
        ),
    ),
    "jira": (
        _docs("Jira Cloud documentation", "https://support.atlassian.com/jira-software-cloud/", ATLASSIAN),
        _tut("Jira guides", "https://www.atlassian.com/software/jira/guides", ATLASSIAN),
    ),
    "confluence": (
        _docs("Confluence Cloud documentation", "https://support.atlassian.com/confluence-cloud/", ATLASSIAN),
    ),
    "vs-code": (_docs("Visual Studio Code documentation", "https://code.visualstudio.com/docs", "Microsoft"),),
    "visual-studio": (_docs("Visual Studio documentation", "https://learn.microsoft.com/en-us/visualstudio/", MS),),
    "intellij": (_docs("IntelliJ IDEA documentation", "https://www.jetbrains.com/help/idea/", JETBRAINS),),
    "eclipse": (_docs("Eclipse IDE documentation", "https://help.eclipse.org/", "Eclipse Foundation"),),
    "xcode": (_docs("Xcode documentation", "https://developer.apple.com/documentation/xcode", APPLE),),
    "android-studio": (_docs("Meet Android Studio", "https://developer.android.com/studio/intro", ANDROID),),
    "postman": (
        _docs("Postman documentation", "https://learning.postman.com/docs/", "Postman"),
        _course("Postman Academy", "https://academy.postman.com/", "Postman"),
    ),
    "maven": (
        _docs("Maven documentation", "https://maven.apache.org/guides/", APACHE),
        _tut("Maven Getting Started Guide", "https://maven.apache.org/guides/getting-started/", APACHE),
    ),
    "gradle": (_docs("Gradle User Manual", "https://docs.gradle.org/current/userguide/userguide.html", "Gradle"),),
    "npm": (_docs("npm Docs", "https://docs.npmjs.com/", "npm (GitHub)"),),
    "yarn": (_docs("Yarn documentation", "https://yarnpkg.com/getting-started", "Yarn"),),
    "webpack": (
        _docs("webpack concepts", "https://webpack.js.org/concepts/", "webpack (OpenJS Foundation)"),
        _tut("webpack guides", "https://webpack.js.org/guides/", "webpack (OpenJS Foundation)"),
    ),
    "vite": (_docs("Vite guide", "https://vite.dev/guide/", "Vite"),),
    "babel": (_docs("Babel documentation", "https://babeljs.io/docs/", "Babel"),),
    "eslint": (_docs("ESLint documentation", "https://eslint.org/docs/latest/", "ESLint (OpenJS Foundation)"),),
    "cmake": (
        _docs("CMake documentation", "https://cmake.org/cmake/help/latest/", "Kitware"),
        _tut("CMake tutorial", "https://cmake.org/cmake/help/latest/guide/tutorial/index.html", "Kitware"),
    ),
    "bazel": (_docs("Bazel documentation", "https://bazel.build/docs", "Bazel (Google)"),),
    "regex": (
        _docs("re: regular expression operations (Python)", "https://docs.python.org/3/library/re.html", PSF),
        _tut(
            "Regular expressions (MDN guide)",
            "https://developer.mozilla.org/en-US/docs/Web/JavaScript/Guide/Regular_expressions",
            MDN,
        ),
        _tut("Regular-Expressions.info tutorial", "https://www.regular-expressions.info/", "Jan Goyvaerts"),
        _practice("RegexOne", "https://regexone.com/", "RegexOne"),
    ),
    "figma": (_docs("Figma Help Center", "https://help.figma.com/", "Figma"),),
    "microsoft-office": (
        _docs("Microsoft Office help & learning", "https://support.microsoft.com/en-us/office", MS_SUPPORT),
    ),
    "sharepoint": (_docs("SharePoint documentation", "https://learn.microsoft.com/en-us/sharepoint/", MS),),
    "google-workspace": (_docs("Google Workspace Learning Center", "https://support.google.com/a/users/", GOOGLE),),
    "google-analytics": (
        _docs("Google Analytics Help", "https://support.google.com/analytics", GOOGLE),
        _docs("Google Analytics for developers", "https://developers.google.com/analytics", GOOGLE),
    ),
    "salesforce": (
        _docs("Salesforce Help", "https://help.salesforce.com/", SALESFORCE),
        _TRAILHEAD,
    ),
    "servicenow": (_docs("ServiceNow Developer Program", "https://developer.servicenow.com/", "ServiceNow"),),
    "sap": (
        _docs("SAP Help Portal", "https://help.sap.com/", SAP),
        _SAP_LEARNING,
    ),
    "unified-modeling-language-uml": (
        _docs("Unified Modeling Language specification", "https://www.omg.org/spec/UML/", "Object Management Group"),
    ),
    "adobe-photoshop": (_docs("Photoshop User Guide", "https://helpx.adobe.com/photoshop/user-guide.html", "Adobe"),),
    "adobe-illustrator": (
        _docs("Illustrator User Guide", "https://helpx.adobe.com/illustrator/user-guide.html", "Adobe"),
    ),
    # --- testing -----------------------------------------------------------------------------------------
    "selenium": (
        _SELENIUM_DOCS,
        _tut(
            "Getting started with WebDriver",
            "https://www.selenium.dev/documentation/webdriver/getting_started/",
            "Selenium project",
        ),
    ),
    "cypress": (
        _CYPRESS_DOCS,
        _course("Learn Cypress", "https://learn.cypress.io/", "Cypress.io"),
    ),
    "playwright": (_PLAYWRIGHT_DOCS,),
    "jest": (_docs("Jest: getting started", "https://jestjs.io/docs/getting-started", "Jest (OpenJS Foundation)"),),
    "mocha": (_docs("Mocha documentation", "https://mochajs.org/", "Mocha (OpenJS Foundation)"),),
    "pytest": (
        _docs("pytest documentation", "https://docs.pytest.org/en/stable/", "pytest-dev"),
        _tut("Get started with pytest", "https://docs.pytest.org/en/stable/getting-started.html", "pytest-dev"),
    ),
    "junit": (_docs("JUnit User Guide", "https://docs.junit.org/current/user-guide/", "JUnit team"),),
    "testng": (_docs("TestNG documentation", "https://testng.org/", "TestNG"),),
    "rspec": (_docs("RSpec documentation", "https://rspec.info/documentation/", "RSpec"),),
    "cucumber": (
        _docs("Cucumber documentation", "https://cucumber.io/docs/", "Cucumber"),
        _tut("Cucumber in 10 minutes", "https://cucumber.io/docs/guides/10-minute-tutorial/", "Cucumber"),
    ),
    "jmeter": (
        _JMETER_DOCS,
        _tut("Building a Web Test Plan", "https://jmeter.apache.org/usermanual/build-web-test-plan.html", APACHE),
    ),
    "storybook": (
        _docs("Storybook documentation", "https://storybook.js.org/docs", "Storybook"),
        _tut("Storybook tutorials", "https://storybook.js.org/tutorials/", "Storybook"),
    ),
    "unit-testing": (
        _docs("UnitTest", "https://martinfowler.com/bliki/UnitTest.html", FOWLER),
        _docs("unittest: unit testing framework (Python)", "https://docs.python.org/3/library/unittest.html", PSF),
        _TEST_PYRAMID,
    ),
    "integration-testing": (
        _docs("IntegrationTest", "https://martinfowler.com/bliki/IntegrationTest.html", FOWLER),
        _TEST_PYRAMID,
    ),
    "e2e-testing": (
        _PLAYWRIGHT_DOCS,
        _CYPRESS_DOCS,
        _TEST_PYRAMID,
    ),
    "test-automation": (
        _SELENIUM_DOCS,
        _PLAYWRIGHT_DOCS,
        _TEST_PYRAMID,
    ),
    "performance-testing": (
        _docs("Grafana k6 documentation", "https://grafana.com/docs/k6/latest/", "Grafana Labs"),
        _JMETER_DOCS,
    ),
    "tdd": (
        _docs("TestDrivenDevelopment", "https://martinfowler.com/bliki/TestDrivenDevelopment.html", FOWLER),
        _book(
            "Obey the Testing Goat! (Test-Driven Development with Python)",
            "https://www.obeythetestinggoat.com/",
            "Harry Percival",
        ),
        _LEARN_GO_WITH_TESTS,
    ),
    "bdd": (
        _docs("Behaviour-Driven Development", "https://cucumber.io/docs/bdd/", "Cucumber"),
        _tut("Cucumber in 10 minutes", "https://cucumber.io/docs/guides/10-minute-tutorial/", "Cucumber"),
    ),
    # --- practices: delivery and operations ----------------------------------------------------------------
    "ci-cd": (
        _docs("Continuous Integration", "https://martinfowler.com/articles/continuousIntegration.html", FOWLER),
        _GH_ACTIONS_DOCS,
        _tut("Continuous delivery guide", "https://www.atlassian.com/continuous-delivery", ATLASSIAN),
    ),
    "devops": (
        _docs("DORA research", "https://dora.dev/", "DORA (Google Cloud)"),
        _tut("DevOps roadmap", "https://roadmap.sh/devops", ROADMAP),
        _SRE_BOOK,
    ),
    "sre": (
        _docs("Google SRE resources", "https://sre.google/", GOOGLE),
        _SRE_BOOK,
        _book("The Site Reliability Workbook", "https://sre.google/workbook/table-of-contents/", GOOGLE),
    ),
    "iac": (
        _docs("InfrastructureAsCode", "https://martinfowler.com/bliki/InfrastructureAsCode.html", FOWLER),
        _docs("Terraform documentation", "https://developer.hashicorp.com/terraform/docs", HASHICORP),
        _TERRAFORM_TUTORIALS,
    ),
    "gitops": (
        _docs("OpenGitOps principles", "https://opengitops.dev/", "OpenGitOps (CNCF)"),
        _docs("Argo CD documentation", "https://argo-cd.readthedocs.io/en/stable/", "Argo Project (CNCF)"),
    ),
    "observability": (
        _docs(
            "Observability primer",
            "https://opentelemetry.io/docs/concepts/observability-primer/",
            "OpenTelemetry (CNCF)",
        ),
        _book(
            "Monitoring Distributed Systems (Site Reliability Engineering, ch. 6)",
            "https://sre.google/sre-book/monitoring-distributed-systems/",
            GOOGLE,
        ),
    ),
    "microservices": (
        _docs("Microservices", "https://martinfowler.com/articles/microservices.html", "James Lewis and Martin Fowler"),
        _docs("Microservice Architecture patterns", "https://microservices.io/", "Chris Richardson"),
        _book(
            ".NET Microservices: Architecture for Containerized .NET Applications",
            "https://learn.microsoft.com/en-us/dotnet/architecture/microservices/",
            MS,
        ),
    ),
    "serverless": (
        _docs(
            "Serverless Architectures",
            "https://martinfowler.com/articles/serverless.html",
            "Mike Roberts (martinfowler.com)",
        ),
        _docs("AWS Lambda documentation", "https://docs.aws.amazon.com/lambda/", AWS),
        _tut("Serverless Land", "https://serverlessland.com/", AWS),
    ),
    "event-driven-architecture": (
        _docs(
            'What do you mean by "Event-Driven"?', "https://martinfowler.com/articles/201701-event-driven.html", FOWLER
        ),
        _docs("Event-driven architecture", "https://aws.amazon.com/event-driven-architecture/", AWS),
        _course("Confluent Developer courses", "https://developer.confluent.io/courses/", "Confluent"),
    ),
    "code-review": (
        _docs("Google Engineering Practices: code review", "https://google.github.io/eng-practices/review/", GOOGLE),
    ),
    "pair-programming": (
        _docs(
            "On Pair Programming",
            "https://martinfowler.com/articles/on-pair-programming.html",
            "Birgitta Böckeler and Nina Siessegger (martinfowler.com)",
        ),
    ),
    "agile": (
        _docs("Manifesto for Agile Software Development", "https://agilemanifesto.org/", "Agile Manifesto authors"),
        _ATLASSIAN_AGILE,
    ),
    "scrum": (
        _docs("The Scrum Guide", "https://scrumguides.org/scrum-guide.html", "Ken Schwaber and Jeff Sutherland"),
        _tut("Scrum (Agile Coach)", "https://www.atlassian.com/agile/scrum", ATLASSIAN),
    ),
    "kanban": (
        _docs("The Kanban Guide", "https://kanbanguides.org/", "Kanban Guides"),
        _tut("Kanban (Agile Coach)", "https://www.atlassian.com/agile/kanban", ATLASSIAN),
    ),
    "safe": (_docs("SAFe framework", "https://scaledagileframework.com/", "Scaled Agile, Inc."),),
    # --- practices: design and architecture ---------------------------------------------------------------
    "system-design": (
        _WELL_ARCHITECTED,
        _AZURE_ARCHITECTURE,
        _tut("The System Design Primer", "https://github.com/donnemartin/system-design-primer", "Donne Martin"),
        _tut("System design roadmap", "https://roadmap.sh/system-design", ROADMAP),
        _DDIA,
    ),
    "distributed-systems": (
        _docs("The Amazon Builders' Library", "https://aws.amazon.com/builders-library/", AWS),
        _course("MIT 6.5840: Distributed Systems", "https://pdos.csail.mit.edu/6.824/", "MIT"),
        _book(
            "Distributed Systems (4th edition)",
            "https://www.distributed-systems.net/",
            "Maarten van Steen and Andrew S. Tanenbaum",
        ),
        _DDIA,
    ),
    "software-architecture": (
        _docs("Software Architecture Guide", "https://martinfowler.com/architecture/", FOWLER),
        _docs("The C4 model", "https://c4model.com/", "Simon Brown"),
        _docs("arc42", "https://arc42.org/", "arc42"),
        _book("Patterns.dev", "https://www.patterns.dev/", "Lydia Hallie and Addy Osmani"),
    ),
    "design-patterns": (
        _docs("Design patterns catalog", "https://refactoring.guru/design-patterns", "Refactoring.Guru"),
        _book("Patterns.dev", "https://www.patterns.dev/", "Lydia Hallie and Addy Osmani"),
    ),
    "domain-driven-design": (
        _docs("DDD Reference", "https://www.domainlanguage.com/ddd/reference/", "Eric Evans (Domain Language)"),
        _docs("DomainDrivenDesign", "https://martinfowler.com/bliki/DomainDrivenDesign.html", FOWLER),
    ),
    "api-design": (
        _docs("Google API Improvement Proposals (AIP)", "https://google.aip.dev/", GOOGLE),
        _docs("API design guide", "https://cloud.google.com/apis/design", GCP),
        _MS_API_GUIDELINES,
        _ZALANDO_API,
    ),
    "oop": (
        _docs("Classes (The Python Tutorial)", "https://docs.python.org/3/tutorial/classes.html", PSF),
        _tut(
            "Object-Oriented Programming Concepts (The Java Tutorials)",
            "https://docs.oracle.com/javase/tutorial/java/concepts/",
            ORACLE,
        ),
        _course("Java Programming MOOC", "https://java-programming.mooc.fi/", HELSINKI),
    ),
    "functional-programming": (
        _docs("Functional Programming HOWTO (Python)", "https://docs.python.org/3/howto/functional.html", PSF),
        _HASKELL_MOOC,
        _book(
            "Professor Frisby's Mostly Adequate Guide to Functional Programming",
            "https://mostly-adequate.gitbook.io/mostly-adequate-guide/",
            "Brian Lonsdorf",
        ),
    ),
    "data-structures-algorithms": (
        _docs("Dictionary of Algorithms and Data Structures", "https://xlinux.nist.gov/dads/", "NIST"),
        _tut("VisuAlgo", "https://visualgo.net/", "VisuAlgo (National University of Singapore)"),
        _course(
            "MIT 6.006 Introduction to Algorithms",
            "https://ocw.mit.edu/courses/6-006-introduction-to-algorithms-spring-2020/",
            "MIT OpenCourseWare",
        ),
        _book("Open Data Structures", "https://opendatastructures.org/", "Pat Morin"),
        _practice("LeetCode", "https://leetcode.com/", "LeetCode"),
    ),
    "concurrency": (
        _docs(
            "Concurrency (The Java Tutorials)", "https://docs.oracle.com/javase/tutorial/essential/concurrency/", ORACLE
        ),
        _docs("Concurrent execution (Python)", "https://docs.python.org/3/library/concurrency.html", PSF),
        _book("The Little Book of Semaphores", "https://greenteapress.com/wp/semaphores/", "Allen B. Downey"),
        _OSTEP,
    ),
    "performance-optimization": (
        _docs("Web performance (MDN)", "https://developer.mozilla.org/en-US/docs/Web/Performance", MDN),
        _course("Learn Performance", "https://web.dev/learn/performance", WEBDEV),
    ),
    "caching": (
        _docs("HTTP caching (MDN)", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Caching", MDN),
        _tut("What is caching?", "https://www.cloudflare.com/learning/cdn/what-is-caching/", CLOUDFLARE),
    ),
    # --- practices: security -----------------------------------------------------------------------------
    "application-security": (
        _OWASP_TOP10,
        _OWASP_CHEATSHEETS,
        _PORTSWIGGER_ACADEMY,
    ),
    "cybersecurity": (
        _docs("NIST Cybersecurity Framework", "https://www.nist.gov/cyberframework", "NIST"),
        _docs("MITRE ATT&CK", "https://attack.mitre.org/", "MITRE"),
        _PORTSWIGGER_ACADEMY,
        _OVERTHEWIRE,
        _practice("TryHackMe", "https://tryhackme.com/", "TryHackMe", free=False),
    ),
    "penetration-testing": (
        _OWASP_WSTG,
        _PORTSWIGGER_ACADEMY,
        _practice("Hack The Box", "https://www.hackthebox.com/", "Hack The Box", free=False),
    ),
    "oauth": (
        _docs("OAuth 2.0", "https://oauth.net/2/", "oauth.net"),
        _docs("RFC 6749: The OAuth 2.0 Authorization Framework", "https://www.rfc-editor.org/rfc/rfc6749", RFC),
        _book("OAuth 2.0 Simplified", "https://www.oauth.com/", "Aaron Parecki"),
    ),
    "sso": (
        _docs("Single Sign-On (Auth0 docs)", "https://auth0.com/docs/authenticate/single-sign-on", "Auth0 (Okta)"),
        _docs("How OpenID Connect works", "https://openid.net/developers/how-connect-works/", "OpenID Foundation"),
    ),
    "jwt": (
        _docs("RFC 7519: JSON Web Token (JWT)", "https://www.rfc-editor.org/rfc/rfc7519", RFC),
        _tut("Introduction to JSON Web Tokens", "https://jwt.io/introduction", "jwt.io (Auth0)"),
    ),
    "iam": (
        _docs("AWS Identity and Access Management documentation", "https://docs.aws.amazon.com/iam/", AWS),
        _docs("Google Cloud IAM documentation", "https://cloud.google.com/iam/docs", GCP),
    ),
    "kali-linux": (_docs("Kali Linux documentation", "https://www.kali.org/docs/", "OffSec (Kali Linux)"),),
    "metasploit": (_docs("Metasploit documentation", "https://docs.metasploit.com/", "Rapid7 (Metasploit)"),),
    "nmap": (
        _docs("Nmap reference guide and documentation", "https://nmap.org/docs.html", "Nmap project"),
        _book("Nmap Network Scanning", "https://nmap.org/book/", "Gordon Lyon"),
    ),
    "portswigger-burp-suite": (
        _docs("Burp Suite documentation", "https://portswigger.net/burp/documentation", "PortSwigger"),
        _PORTSWIGGER_ACADEMY,
    ),
    "mitre-att-ck": (_docs("MITRE ATT&CK", "https://attack.mitre.org/", "MITRE"),),
    "snort": (_docs("Snort 3 documentation", "https://docs.snort.org/", "Cisco Talos (Snort)"),),
    # --- practices: web and product ------------------------------------------------------------------------
    "web-accessibility": (
        _docs("WCAG overview", "https://www.w3.org/WAI/standards-guidelines/wcag/", "W3C Web Accessibility Initiative"),
        _docs("Accessibility (MDN)", "https://developer.mozilla.org/en-US/docs/Web/Accessibility", MDN),
        _course("Learn Accessibility", "https://web.dev/learn/accessibility", WEBDEV),
    ),
    "responsive-design": (
        _docs("CSS media queries (MDN)", "https://developer.mozilla.org/en-US/docs/Web/CSS/CSS_media_queries", MDN),
        _course("Learn Responsive Design", "https://web.dev/learn/design", WEBDEV),
    ),
    "ux-design": (
        _docs("Human Interface Guidelines", "https://developer.apple.com/design/human-interface-guidelines/", APPLE),
        _docs("UX articles", "https://www.nngroup.com/articles/", "Nielsen Norman Group"),
    ),
    "ui-design": (
        _docs("Material Design 3", "https://m3.material.io/", GOOGLE),
        _docs("Human Interface Guidelines", "https://developer.apple.com/design/human-interface-guidelines/", APPLE),
    ),
    "seo": (
        _docs("Google Search Central documentation", "https://developers.google.com/search/docs", GOOGLE),
        _tut("SEO Starter Guide", "https://developers.google.com/search/docs/fundamentals/seo-starter-guide", GOOGLE),
    ),
    "web-development": (
        _MDN_WEB,
        _ODIN,
        _FULL_STACK_OPEN,
        _FCC_CURRICULUM,
    ),
    "frontend-development": (
        _MDN_WEB,
        _tut("Frontend developer roadmap", "https://roadmap.sh/frontend", ROADMAP),
        _FULL_STACK_OPEN,
    ),
    "backend-development": (
        _docs(
            "Server-side website programming (MDN)",
            "https://developer.mozilla.org/en-US/docs/Learn_web_development/Extensions/Server-side",
            MDN,
        ),
        _MDN_HTTP,
        _tut("Backend developer roadmap", "https://roadmap.sh/backend", ROADMAP),
    ),
    "full-stack-development": (
        _MDN_WEB,
        _FULL_STACK_OPEN,
        _ODIN,
    ),
    "mobile-development": (
        _ANDROID_DOCS,
        _APPLE_DOCS,
        _ANDROID_BASICS,
        _CS193P,
    ),
    "embedded-systems": (
        _docs("Arm developer documentation", "https://developer.arm.com/documentation", "Arm"),
        _docs("Zephyr Project documentation", "https://docs.zephyrproject.org/", "Zephyr Project (Linux Foundation)"),
        _book("The Embedded Rust Book", "https://docs.rust-embedded.org/book/", "Rust Embedded Working Group"),
    ),
    "blockchain": (
        _docs("Ethereum developer documentation", "https://ethereum.org/en/developers/docs/", "Ethereum Foundation"),
        _book(
            "Mastering Ethereum",
            "https://github.com/ethereumbook/ethereumbook",
            "Andreas M. Antonopoulos and Gavin Wood",
        ),
    ),
    "technical-writing": (
        _docs("Google developer documentation style guide", "https://developers.google.com/style", GOOGLE),
        _docs("Write the Docs guide", "https://www.writethedocs.org/guide/", "Write the Docs"),
        _course("Technical Writing courses", "https://developers.google.com/tech-writing", GOOGLE),
    ),
}
