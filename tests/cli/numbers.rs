//! Document numbers checked against their usual shape and their `doc_type` (the table of type
//! codes is `data/doc-types.yaml`, or the built-in one), and the same number of one issuer on
//! two disclosures: warnings at the `number` line, never errors.

use crate::support::Site;

const TB: &str = "content/disclosures/thong-bao-tuyen-dung.md";

fn warnings(site: &Site) -> String {
    site.build_ok().stderr
}

#[test]
fn a_number_of_another_shape_is_a_warning_at_its_line() {
    let site = Site::fixture("basic");
    assert!(!warnings(&site).contains("number"), "the fixture's numbers fit");
    site.edit(TB, "number: \"10/TB-VP\"", "number: \"số 10 ngày 9/6\"");
    let line = site.line_of(TB, "number:");
    let err = warnings(&site);
    assert!(
        err.contains(&format!("{TB}:{line}:1: warning: `number: số 10 ngày 9/6` does not look like a document number such as `145/TB-VPUBND` or `13/2018/NĐ-CP`")),
        "{err}"
    );
}

#[test]
fn the_type_code_must_agree_with_doc_type() {
    let site = Site::fixture("basic");
    site.edit(TB, "number: \"10/TB-VP\"", "number: \"10/KH-VP\"");
    let err = warnings(&site);
    assert!(
        err.contains(
            "`number: 10/KH-VP` has the type code `KH` (Kế hoạch), but `doc_type` is `Thông báo`, written `TB`"
        ),
        "{err}"
    );
    site.edit(TB, "number: \"10/KH-VP\"", "number: \"10/VP-HC\"");
    let err = warnings(&site);
    assert!(
        err.contains("`number: 10/VP-HC` has no type code, but a `Thông báo` is numbered with `TB`"),
        "{err}"
    );
    // A year in the number is fine.
    site.edit(TB, "number: \"10/VP-HC\"", "number: \"10/2025/TB-VP\"");
    assert!(!warnings(&site).contains("number"));
}

#[test]
fn the_table_of_codes_is_the_offices_data() {
    let site = Site::fixture("basic");
    site.write("data/doc-types.yaml", "TBao: \"Thông báo\"\nKH: \"Kế hoạch\"\n");
    let err = warnings(&site);
    assert!(
        err.contains("`number: 10/TB-VP` has no type code, but a `Thông báo` is numbered with `TBao`"),
        "{err}"
    );
    site.write("data/doc-types.yaml", "TB: \"Thông báo\"\nTB: \"Tờ báo\"\n");
    let out = site.cmd(["build"]).run().code(1);
    assert!(out.stderr.contains("data/doc-types.yaml:2:"), "{}", out.stderr);
}

#[test]
fn one_number_of_one_issuer_on_two_disclosures_is_a_warning_on_both() {
    let site = Site::fixture("basic");
    site.write(
        "content/disclosures/ban-sao.md",
        "---\ntitle: \"Bản sao thông báo\"\ncategory: tuyen-dung\npublished: 2025-06-11\nnumber: \"10/TB-VP\"\ndoc_type: \"Thông báo\"\nissuer: \"Văn phòng Thử nghiệm\"\n---\n\nBản sao.\n",
    );
    let err = warnings(&site);
    assert!(err.contains("content/disclosures/ban-sao.md:5:1: warning: the number `10/TB-VP` of the same issuer is also on content/disclosures/thong-bao-tuyen-dung.md"), "{err}");
    assert!(err.contains(&format!("{TB}:")), "{err}");
}
