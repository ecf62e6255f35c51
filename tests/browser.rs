//! The HTML report in a real browser: headless Chromium driven through WebDriver
//! (`chromedriver`, fantoccini). It opens the seeds' page, checks its sections and findings,
//! filters and searches, opens an article sentence, runs axe-core (vendored in
//! `tests/browser/`) and keeps a screenshot in `target/browser/report.png`.
//!
//! It needs Debian's `chromium` and `chromium-driver`, which `.ci/run` installs. Without them it
//! says so and passes, unless `CONCORD_BROWSER_TESTS=1` (set by `.ci/run`) asks for it.

mod common;

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{concord, repository};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

/// axe-core 4.14.1 from the npm registry (MPL-2.0, `tests/browser/axe-LICENSE.txt`).
const AXE: &str = include_str!("browser/axe.min.js");

/// chromedriver on a free port of this machine, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_driver() -> Option<Driver> {
    let port = TcpListener::bind("127.0.0.1:0")
        .ok()?
        .local_addr()
        .ok()?
        .port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    Some(Driver { child, port })
}

async fn connect(driver: &Driver) -> Client {
    let capabilities = json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,2000"]
        }
    });
    let capabilities = match capabilities {
        Value::Object(map) => map,
        _ => unreachable!(),
    };
    let url = format!("http://127.0.0.1:{}", driver.port);
    // chromedriver takes a moment to listen.
    for _ in 0..50 {
        if let Ok(client) = ClientBuilder::native()
            .capabilities(capabilities.clone())
            .connect(&url)
            .await
        {
            return client;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("chromedriver did not answer on {url}");
}

/// The seeds' page, written where the browser reads it.
fn seeds_page() -> PathBuf {
    let dir = repository().join("target/browser");
    std::fs::create_dir_all(&dir).unwrap();
    let run = concord(&["report", "--format", "html", "--no-cache"], repository());
    assert_eq!(run.status, 0, "{}", run.stderr);
    let page = dir.join("report.html");
    std::fs::write(&page, run.stdout).unwrap();
    page
}

/// How many finding cards are on screen.
async fn visible_cards(client: &Client) -> usize {
    let mut shown = 0;
    for card in client.find_all(Locator::Css("article.card")).await.unwrap() {
        if card.is_displayed().await.unwrap() {
            shown += 1;
        }
    }
    shown
}

async fn choose(client: &Client, select: &str, value: &str) {
    client
        .find(Locator::Id(select))
        .await
        .unwrap()
        .select_by_value(value)
        .await
        .unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn the_seeds_page_works_in_a_browser_and_passes_axe() {
    let available = Command::new("chromedriver")
        .arg("--version")
        .output()
        .is_ok()
        && std::path::Path::new("/usr/bin/chromium").exists();
    if !available {
        assert!(
            std::env::var_os("CONCORD_BROWSER_TESTS").is_none(),
            "CONCORD_BROWSER_TESTS is set but chromium or chromedriver is missing"
        );
        eprintln!(
            "skipped: no chromium and chromedriver here (apt-get install chromium chromium-driver)"
        );
        return;
    }
    let page = seeds_page();
    let driver = start_driver().expect("chromedriver starts");
    let client = connect(&driver).await;
    client
        .goto(&format!("file://{}", page.display()))
        .await
        .unwrap();

    for section in ["findings", "matrix", "sources"] {
        client.find(Locator::Id(section)).await.unwrap();
    }
    let cards = client.find_all(Locator::Css("article.card")).await.unwrap();
    let codes: Vec<String> = {
        let mut codes = Vec::new();
        for card in &cards {
            codes.push(card.attr("data-code").await.unwrap().unwrap());
        }
        codes
    };
    assert_eq!(
        codes,
        [
            "confusable-variant",
            "spelling-variant",
            "quote-variant",
            "case-variant"
        ]
    );
    assert_eq!(visible_cards(&client).await, 4);

    // A filter and the search change the cards shown.
    choose(&client, "filter-code", "confusable-variant").await;
    assert_eq!(visible_cards(&client).await, 1);
    choose(&client, "filter-code", "").await;
    choose(&client, "filter-source", "article-004").await;
    assert_eq!(
        visible_cards(&client).await,
        2,
        "article-004 writes H20 and NVIDIA"
    );
    choose(&client, "filter-source", "").await;
    let search = client.find(Locator::Id("filter-search")).await.unwrap();
    search.send_keys("h2o").await.unwrap();
    assert_eq!(visible_cards(&client).await, 1);
    let shown = client
        .find(Locator::Id("shown"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(shown, "1 of 4 findings shown.");
    search.clear().await.unwrap();
    search.send_keys(" ").await.unwrap();
    assert_eq!(visible_cards(&client).await, 4);

    // The article sentence that carries Latnik, the misspelt word marked.
    let latnik = client
        .find(Locator::XPath(
            "//article[@data-code='spelling-variant']//li[contains(@class,'variant') and not(contains(@class,'suggested'))]",
        ))
        .await
        .unwrap();
    let sentence = latnik.find(Locator::Css("blockquote")).await.unwrap();
    assert!(!sentence.is_displayed().await.unwrap(), "closed at first");
    latnik
        .find(Locator::Css("summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert!(sentence.is_displayed().await.unwrap());
    let marked = sentence
        .find(Locator::Css("mark"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(marked, "Latnik");
    assert!(
        sentence
            .text()
            .await
            .unwrap()
            .contains("ministre du Commerce Howard Latnik"),
        "{}",
        sentence.text().await.unwrap()
    );

    // The matrix sorts its rows, and shows every fact on demand.
    for (button, key) in [
        ("sort-reliability", "data-reliability"),
        ("sort-disagreements", "data-disagreements"),
    ] {
        client
            .find(Locator::Id(button))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let mut values = Vec::new();
        for row in client
            .find_all(Locator::Css(".matrix tbody tr"))
            .await
            .unwrap()
        {
            let value: f64 = row.attr(key).await.unwrap().unwrap().parse().unwrap();
            values.push(value);
        }
        assert_eq!(values.len(), 5, "one row per source");
        assert!(
            values.windows(2).all(|w| w[0] >= w[1]),
            "{button}: {values:?}"
        );
    }
    let all = client.find(Locator::Id("show-all-facts")).await.unwrap();
    let columns = || async {
        let mut shown = 0;
        for th in client
            .find_all(Locator::Css(".matrix th.fact"))
            .await
            .unwrap()
        {
            if th.is_displayed().await.unwrap() {
                shown += 1;
            }
        }
        shown
    };
    let contested = columns().await;
    all.click().await.unwrap();
    assert!(columns().await > contested, "all facts shown on demand");

    // axe-core: no serious or critical violation.
    client.execute(AXE, vec![]).await.unwrap();
    let violations = client
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             axe.run(document).then(r => done(r.violations\
               .filter(v => v.impact === 'serious' || v.impact === 'critical')\
               .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(violations, json!([]), "axe-core found serious violations");

    let screenshot = client.screenshot().await.unwrap();
    std::fs::write(repository().join("target/browser/report.png"), screenshot).unwrap();
    client.close().await.unwrap();
}
