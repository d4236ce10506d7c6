//! The generated types in use: build requests, read the docs' response examples.

use mail_client::api::models::{AnyAttachment, AnyMessage, Importance};
use mail_client::api::requests::{
    GetMeMailFoldersMailFolderIdMessagesDelta, GetMeMessagesMessageId, GetMeMessagesMessageIdAttachments,
    PostMeMessages,
};
use mail_client::api::{ApiRequest, ODataCollection};

#[test]
fn a_request_knows_its_method_path_and_response() {
    let req = GetMeMessagesMessageId { message_id: "AAMk/ü=?".into() };
    assert_eq!(GetMeMessagesMessageId::METHOD, "GET");
    assert_eq!(GetMeMessagesMessageId::PATH_TEMPLATE, "/me/messages/{message-id}");
    // Reserved characters and non-ASCII in a parameter are percent-encoded, `/` included.
    assert_eq!(req.path(), "/me/messages/AAMk%2F%C3%BC%3D%3F");
    assert_eq!(req.body().unwrap(), None);
}

#[test]
fn query_parameters_are_encoded_only_when_set() {
    let mut req =
        GetMeMailFoldersMailFolderIdMessagesDelta { mail_folder_id: "inbox".into(), deltatoken: None, skiptoken: None };
    assert_eq!(req.path_and_query(), "/me/mailFolders/inbox/messages/delta");
    req.deltatoken = Some("a b&c".into());
    assert_eq!(req.path_and_query(), "/me/mailFolders/inbox/messages/delta?$deltatoken=a%20b%26c");
}

#[test]
fn a_body_serializes_with_json_names() {
    let message: AnyMessage = serde_json::from_value(serde_json::json!({
        "subject": "Plan",
        "importance": "high",
        "toRecipients": [{"emailAddress": {"address": "a@contoso.com"}}]
    }))
    .unwrap();
    let req = PostMeMessages { body: message };
    let body: serde_json::Value = serde_json::from_slice(&req.body().unwrap().unwrap()).unwrap();
    assert_eq!(body["toRecipients"][0]["emailAddress"]["address"], "a@contoso.com");
    assert_eq!(body["importance"], "high");
}

/// The response example of `docs-input/api/message-list-attachments.md`.
const ATTACHMENTS: &str = r##"{
  "@odata.context": "https://mail.contoso.com/v1.0/$metadata#me/messages('AAMk')/attachments",
  "value": [
    {"@odata.type": "#microsoft.contoso.fileAttachment", "id": "A1", "name": "Q3-plan.xlsx", "size": 41872,
     "isInline": false, "lastModifiedDateTime": "2021-06-14T08:40:55Z"},
    {"@odata.type": "#microsoft.contoso.referenceAttachment", "id": "A3", "name": "Budget workbook",
     "contentType": "application/octet-stream", "size": 512, "isInline": false},
    {"@odata.type": "#microsoft.contoso.futureAttachment", "id": "A4", "name": "from a newer service"}
  ]
}"##;

#[test]
fn a_polymorphic_response_example_deserializes_and_round_trips() {
    type Response = <GetMeMessagesMessageIdAttachments as ApiRequest>::Response;
    let page: Response = serde_json::from_str(ATTACHMENTS).unwrap();
    let _: &ODataCollection<AnyAttachment> = &page;
    match &page.value[0] {
        AnyAttachment::FileAttachment(f) => {
            assert_eq!(f.name.as_deref(), Some("Q3-plan.xlsx"));
            assert_eq!(f.size, Some(41872));
        }
        other => panic!("expected a file attachment, got {other:?}"),
    }
    assert_eq!(page.value[1].type_name(), "microsoft.contoso.referenceAttachment");
    // An unknown derived type falls back to the base, keeping its `@odata.type`.
    match &page.value[2] {
        AnyAttachment::Attachment(a) => {
            assert_eq!(a.odata_type.as_deref(), Some("#microsoft.contoso.futureAttachment"));
        }
        other => panic!("expected the base attachment, got {other:?}"),
    }
    let back = serde_json::to_value(&page).unwrap();
    let orig: serde_json::Value = serde_json::from_str(ATTACHMENTS).unwrap();
    assert_eq!(back, orig);
}

#[test]
fn an_unknown_enum_member_is_kept() {
    let i: Importance = serde_json::from_str("\"critical\"").unwrap();
    assert_eq!(i, Importance::Other("critical".into()));
    assert_eq!(serde_json::to_string(&i).unwrap(), "\"critical\"");
    assert_eq!(serde_json::from_str::<Importance>("\"high\"").unwrap(), Importance::High);
}

#[cfg(feature = "http")]
#[test]
fn an_http_request_is_built_behind_the_feature() {
    let req = GetMeMessagesMessageId { message_id: "a b".into() };
    let http = req.to_http_request("https://mail.contoso.com/v1.0/").unwrap();
    assert_eq!(http.method(), "GET");
    assert_eq!(http.uri(), "https://mail.contoso.com/v1.0/me/messages/a%20b");
    assert!(http.body().is_empty());
}
