# The catalogue (catalogue.c): the operator admin creates a service, a
# topic with a required number field and a choice field; a partner
# files a request for it, the form checks the fields from their
# definition; retired topics and services leave the form but old
# requests keep them; bad definitions are refused beside their field;
# partners may not open /admin/*.
. "$PD_TOP/tests/http/lib.sh"
plan 138

oa=admin@operator.example
sup=support@operator.example
agent=agent@contoso.example
ga=admin@contoso.example
for u in $oa $sup $agent $ga; do login "$u"; done
count_of() { sql "SELECT count(*) FROM $1"; }
audits() { sql "SELECT count(*) FROM audit WHERE action LIKE 'catalogue.%'"; }

# --- who may

for u in $agent $ga $sup; do
	for p in /admin/services /admin/topics /admin/articles; do
		xget -u $u $p
		expect_status 403 "$u may not open $p"
	done
done
post $ga /admin/services "name=Sneaky" family=azure audience=customers \
    "admin_url=https://x.example/{tenant}"
expect_status 403 "a partner's global admin may not create a service"
fetch -u $agent GET /admin/nothing
expect_status 404 "a path under /admin that nothing serves"

xget -u $oa /admin/services
expect_status 200 "the operator admin's services"
expect_valid "the services"
expect_xp "/page/catalogue/services/service[name='Exchange Online']/@topics" 4 \
    "Exchange Online and its four topics"
html $oa en /admin/services
html $oa zh /admin/topics
html $oa it /admin/articles

# --- a service: bad templates are refused beside the field

n=$(count_of service) a=$(audits)
# refused_service RULE TEMPLATE WHAT
refused_service() {
	post $oa /admin/services "name=Azure Kubernetes Service" family=azure \
	    audience=customers "admin_url=$2"
	expect_status 422 "$3"
	expect_xp "/page/errors/error[@field='admin_url']/@rule" "$1" "$3: admin_url breaks $1"
	expect_xp "/page/catalogue/draft[@form='service']/name" "Azure Kubernetes Service" \
	    "$3: the name typed is kept"
}
refused_service https "http://portal.azure.cn/{domain}#aks" "a template that is not https"
refused_service placeholder "https://portal.azure.cn/#aks" "a template without a placeholder"
refused_service required "" "a customers' service without a template"
post $oa /admin/services "name=Exchange Online" family=office365 audience=customers \
    "admin_url=https://portal.partner.microsoftonline.cn/{tenant}"
expect_xp "/page/errors/error[@field='name']/@rule" taken "a service name that is taken"
check "none of these stored a service or an audit row" \
    test "$(count_of service)/$(audits)" = "$n/$a"
fetch -u $oa POST /admin/services --data-urlencode "csrf=$(csrf $oa)" \
    --data-urlencode "name=Azure Kubernetes Service" --data-urlencode family=azure \
    --data-urlencode audience=customers --data-urlencode "admin_url=ftp://x/{tenant}"
expect_status 422 "the HTML form comes back"
expect_body 'id="error-admin_url"' "… with the error beside the template"
expect_body 'value="Azure Kubernetes Service"' "… and the name kept"

post $oa /admin/services "name=Azure Kubernetes Service" family=azure audience=customers \
    "admin_url=https://portal.azure.cn/{domain}#aks"
expect_status 201 "a service is created"
expect_valid "the new service"
svc=$(xp /page/catalogue/services/service/@id)
check "… Location is its page" test "$(header Location)" = "/admin/services/$svc"
check "… and audited" test "$(audits)" = $((a + 1))
sql "INSERT INTO customer_service (customer_id, service_id) VALUES (1, $svc)"

# --- a topic with a required number field and a choice field

post $oa /admin/topics service=$svc "name=Cluster upgrade" kind=technical
expect_status 201 "a topic is created"
expect_valid "the new topic"
topic=$(xp /page/catalogue/topics/topic/@id)
post $oa /admin/topics service=$svc "name=Cluster upgrade" kind=technical
expect_xp "/page/errors/error[@field='name']/@rule" taken "the same topic twice"
post $oa /admin/topics service=$svc "name=Other" kind=weather
expect_xp "/page/errors/error[@field='kind']/@rule" choice "a kind that does not exist"

post $oa /admin/topics/$topic/fields "label_en=Node count" "label_zh=节点数" \
    "label_it=Numero di nodi" type=number required=yes
expect_status 201 "a required number field"
expect_valid "the topic with its field"
nodes=$(xp "/page/catalogue/fields/field[label='Node count']/@id")
check "… it is field_$nodes" test "$(xp "/page/catalogue/fields/field[@id='$nodes']/@name")" = "field_$nodes"
n=$(count_of topic_field) a=$(audits)
post $oa /admin/topics/$topic/fields "label_en=Region" "label_zh=区域" "label_it=Regione" \
    type=choice required=yes choices=
expect_status 422 "a choice field without choices"
expect_xp "/page/errors/error[@field='choices']/@rule" required "… is refused beside its choices"
expect_xp "/page/catalogue/draft[@form='field']/label_it" Regione "… with the labels kept"
post $oa /admin/topics/$topic/fields "label_en=Version" "label_zh=版本" "label_it=Versione" \
    type=text "pattern=1\.[0-9"
expect_xp "/page/errors/error[@field='pattern']/@rule" regex "a pattern that does not compile"
post $oa /admin/topics/$topic/fields "label_en=Version" "label_zh=版本" "label_it=Versione" \
    type=text "pattern=a)|(b"
expect_xp "/page/errors/error[@field='pattern']/@rule" regex "a pattern that would undo its anchors"
post $oa /admin/topics/$topic/fields "label_en=Version" "label_zh=" "label_it=Versione" type=text
expect_xp "/page/errors/error[@field='label_zh']/@rule" required "a label missing in Chinese"
check "none of these stored a field or an audit row" \
    test "$(count_of topic_field)/$(audits)" = "$n/$a"
post $oa /admin/topics/$topic/fields "label_en=Region" "label_zh=区域" "label_it=Regione" \
    type=choice required=yes "choices=$(printf 'China East 2\nChina North 3')"
expect_status 201 "a choice field with its choices"
region=$(xp "/page/catalogue/fields/field[label='Region']/@id")
post $oa /admin/topics/$topic/fields "label_en=Ticket" "label_zh=工单" "label_it=Ticket" \
    type=text "pattern=AKS-[0-9]+"
ticket=$(xp "/page/catalogue/fields/field[label='Ticket']/@id")
html $oa it /admin/topics/$topic

# --- a partner files a request for it

xget -u $agent "/requests/new?customer=1&service=$svc&step=form"
expect_status 200 "the form of the new service"
expect_valid "the form"
expect_xp "/page/new-request/topics/topic[@id='$topic']/field[@id='$nodes']/@kind" number \
    "the form has the number field"
expect_xp "count(/page/new-request/topics/topic[@id='$topic']/field[@id='$region']/choice)" 2 \
    "… and the choice field with its choices"
fetch -u $agent GET "/requests/new?customer=1&service=$svc&step=form" -H "Accept-Language: zh"
expect_body '<label for="field_'"$nodes"'">节点数' "the HTML form labels it in the reader's language"

good=(customer=1 service=$svc topic=$topic "title=Upgrade stuck" "description=The upgrade waits."
    severity=B "contact_name=Li Na" contact_email=agent@contoso.example "field_$region=China East 2")
n=$(count_of request)
post $agent /requests "${good[@]}" "field_$nodes=many"
expect_status 422 "a bad number"
expect_xp "/page/errors/error[@field='field_$nodes']/@rule" number "… is refused as not a number"
expect_xp "/page/new-request/draft/field[@id='$nodes']" many "… with the text kept"
expect_xp "/page/new-request/draft/description" "The upgrade waits." "… and the rest of the form"
post $agent /requests "${good[@]/China East 2/Mars}" "field_$nodes=3"
expect_xp "/page/errors/error[@field='field_$region']/@rule" choice "a choice that is not offered"
post $agent /requests "${good[@]}" "field_$nodes=3" "field_$ticket=T-1"
expect_xp "/page/errors/error[@field='field_$ticket']/@rule" pattern "an answer off its pattern"
post $agent /requests "${good[@]}"
expect_xp "/page/errors/error[@field='field_$nodes']/@rule" required "the number is required"
check "none of these stored a request" test "$(count_of request)" = "$n"
fetch -u $agent POST /requests --data-urlencode "csrf=$(csrf $agent)" \
    --data-urlencode customer=1 --data-urlencode service=$svc --data-urlencode topic=$topic \
    --data-urlencode "title=Upgrade stuck" --data-urlencode "description=d" \
    --data-urlencode severity=B --data-urlencode "contact_name=Li Na" \
    --data-urlencode contact_email=agent@contoso.example --data-urlencode "field_$nodes=many"
expect_status 422 "the HTML form comes back"
expect_body "id=\"error-field_$nodes\"" "… with the error beside the number field"
expect_body 'value="many"' "… and the text typed kept"
expect_body '<a href="#field_'"$nodes"'">Node count' "… named by its label in the summary"

post $agent /requests "${good[@]}" "field_$nodes=3" "field_$ticket=AKS-12"
expect_status 201 "a request with its answers is filed"
rid=$(xp /page/request/@id)
check "… three answers stored" test "$(sql "SELECT count(*) FROM request_answer WHERE request_id = $rid")" = 3
xget -u $agent /requests/$rid
expect_xp "/page/request/answer[@field='$nodes']/value" 3 "the request page shows the number"
expect_xp "/page/request/answer[@field='$region']/value" "China East 2" "… and the choice"
fetch -u $agent GET /requests/$rid -H "Accept-Language: it"
expect_body '<dt>Numero di nodi</dt>' "the HTML page labels the answers in the reader's language"

# A multipart form (a file with the request) takes the topic's fields by
# the same rule as an urlencoded one.
printf 'kubectl describe node\n' > "$tmp/node.log"
multipart=(-F customer=1 -F service=$svc -F topic=$topic -F "title=Upgrade stuck, log attached"
    -F "description=The upgrade waits." -F severity=B -F "contact_name=Li Na"
    -F contact_email=agent@contoso.example -F "field_$region=China East 2" -F "file=@$tmp/node.log")
n=$(count_of request) a=$(count_of attachment)
fetch -u $agent -x POST /requests -F "csrf=$(csrf $agent)" "${multipart[@]}" -F "field_$nodes=many"
expect_status 422 "a multipart form with a bad number comes back"
expect_xp "/page/errors/error[@field='field_$nodes']/@rule" number "… the number refused beside its field"
expect_xp "/page/new-request/draft/field[@id='$region']" "China East 2" "… the other answers kept"
check "… nothing stored, neither the request nor its file" test \
    "$(count_of request) $(count_of attachment)" = "$n $a"
fetch -u $agent -x POST /requests -F "csrf=$(csrf $agent)" "${multipart[@]}" -F "field_$nodes=5" \
    -F "field_$ticket=AKS-13"
expect_status 201 "a request with its answers and a file in one multipart POST"
mid=$(xp /page/request/@id)
answer() { sql "SELECT value FROM request_answer WHERE request_id = $mid AND field_id = $1"; }
check "… its three answers stored" test "$(answer $nodes)|$(answer $region)|$(answer $ticket)" = \
    "5|China East 2|AKS-13"
check "… and its file" test "$(sql "SELECT name FROM attachment WHERE request_id = $mid")" = node.log

# --- editing a field: labels, required, pattern, choices; not its type

xget -u $oa /admin/topics/$topic/fields/$nodes
expect_status 200 "a field's page"
expect_valid "the field's page"
html $oa zh /admin/topics/$topic/fields/$region
n=$(sql "SELECT label_en FROM topic_field WHERE id = $nodes")
post $oa /admin/topics/$topic/fields/$nodes "label_en=Nodes" "label_zh=" "label_it=Nodi"
expect_status 422 "a field's label removed"
expect_xp "/page/errors/error[@field='label_zh']/@rule" required "… is required"
check "… and nothing changes" test "$(sql "SELECT label_en FROM topic_field WHERE id = $nodes")" = "$n"
post $oa /admin/topics/$topic/fields/$nodes "label_en=Nodes" "label_zh=节点" "label_it=Nodi" type=text
expect_status 400 "a field's type is not changed"
post $oa /admin/topics/$topic/fields/$nodes "label_en=Nodes" "label_zh=节点" "label_it=Nodi" \
    required=yes "choices=a"
expect_xp "/page/errors/error[@field='choices']/@rule" not_choice "choices for a number field"
post $oa /admin/topics/$topic/fields/$nodes "label_en=Nodes" "label_zh=节点" "label_it=Nodi" \
    required=yes
expect_status 200 "a field's labels are changed"
check "… before → after in the audit log" grep -q 'Node count, 节点数, Numero di nodi, required, .*-> Nodes, 节点, Nodi, required' \
    <<<"$(sql "SELECT detail FROM audit WHERE action = 'catalogue.field.update' ORDER BY id DESC LIMIT 1")"
xget -u $agent /requests/$rid
expect_xp "/page/request/answer[@field='$nodes']/label[@lang='en']" Nodes \
    "the request page labels an answer as the field is named now"

# --- editing a service and a topic (the other test files share the
# demo data: only this file's own are changed)

post $oa /admin/services/$svc "name=Azure Kubernetes Service" family=azure audience=customers \
    "admin_url=https://portal.azure.cn/{domain}#aks2"
expect_status 200 "a template is changed"
check "… before → after in the audit log" grep -q '#aks, customers -> Azure Kubernetes Service, https.*#aks2, customers' \
    <<<"$(sql "SELECT detail FROM audit WHERE action = 'catalogue.service.update' ORDER BY id DESC LIMIT 1")"
post $oa /admin/services/$svc "name=Azure Kubernetes Service" family=azure audience=partners \
    "admin_url=https://portal.azure.cn/{domain}#aks2"
expect_xp "/page/errors/error[@field='admin_url']/@rule" no_customer \
    "a partners' service cannot fill in a customer"
post $oa /admin/topics/$topic "name=Cluster upgrades" kind=technical
expect_status 200 "a topic is renamed"
expect_xp "/page/catalogue/topics/topic/name" "Cluster upgrades" "… and shown so"

# --- retiring

post $oa /admin/topics/$topic/fields/$region/retire
expect_status 200 "a field is retired"
expect_xp "/page/catalogue/fields/field[@id='$region']/@retired" yes "… and shown as retired"
post $agent /requests customer=1 service=$svc topic=$topic "title=Second" "description=d" \
    severity=C "contact_name=Li Na" contact_email=agent@contoso.example "field_$nodes=4"
expect_status 201 "a retired field is no longer asked"
n=$(count_of request) a=$(audits)
post $oa /admin/topics/$topic/retire
expect_status 200 "the topic is retired"
check "… audited" test "$(audits)" = $((a + 1))
post $oa /admin/topics/$topic/retire
expect_status 409 "retiring it again"
xget -u $agent "/requests/new?customer=1&service=$svc&step=form"
expect_xp "count(/page/new-request/topics/topic[@id='$topic'])" 0 "a retired topic leaves the form"
post $agent /requests "${good[@]}" "field_$nodes=3"
expect_xp "/page/errors/error[@field='topic']/@rule" not_found "… and is refused"
check "… nothing stored" test "$(count_of request)" = "$n"
xget -u $agent /requests/$rid
expect_xp "/page/request/topic/name" "Cluster upgrades" "an old request still shows its topic"
expect_xp "/page/request/answer[@field='$region']/value" "China East 2" "… and every answer"

post $oa /admin/services/$svc/retire
expect_status 200 "the service is retired"
expect_xp "/page/catalogue/services/service/@retired" yes "… shown as retired"
xget -u $agent "/requests/new?customer=1"
expect_xp "count(/page/new-request/services/service[@id='$svc'])" 0 "a retired service leaves the list"
xget -u $agent "/requests/new?customer=1&service=$svc&step=form"
expect_status 404 "… and its form"
xget -u $oa /admin/services/999999
expect_status 404 "a service that does not exist"

# --- articles

n=$(count_of article)
post $oa /admin/articles service=1 "title=Plain" url=http://docs.example/x lang=en
expect_xp "/page/errors/error[@field='url']/@rule" https "an article that is not https"
check "… is not stored" test "$(count_of article)" = "$n"
post $oa /admin/articles service=1 "title=邮件流" url=https://docs.example/zh/mail lang=zh
expect_status 201 "an article in Chinese"
expect_valid "the articles"
art=$(xp "/page/catalogue/articles/article[title='邮件流']/@id")
xget -u $agent "/requests/new?customer=1&service=1"
expect_xp "count(/page/new-request/articles/article[title='邮件流'])" 1 "the hand-off offers it"
post $oa /admin/articles/$art/remove
expect_status 200 "it is removed"
check "… gone" test "$(count_of article)" = "$n"
