<?xml version="1.0" encoding="UTF-8"?>
<!-- The catalogue (operator admin): services, one service, topics, one
     topic with its own fields, articles.  A refused form comes back with
     <draft form> (what was typed into that form) and <errors>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form-fields.xsl"/>

  <xsl:variable name="c" select="/page/catalogue"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('catalogue.title.', $c/@view)"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <nav class="crumbs">
      <xsl:attribute name="aria-label"><xsl:call-template name="t"><xsl:with-param name="k" select="'nav.catalogue'"/></xsl:call-template></xsl:attribute>
      <a href="/admin/services"><xsl:call-template name="t"><xsl:with-param name="k" select="'nav.admin_services'"/></xsl:call-template></a>
      <xsl:text> · </xsl:text>
      <a href="/admin/topics"><xsl:call-template name="t"><xsl:with-param name="k" select="'nav.admin_topics'"/></xsl:call-template></a>
      <xsl:text> · </xsl:text>
      <a href="/admin/articles"><xsl:call-template name="t"><xsl:with-param name="k" select="'nav.admin_articles'"/></xsl:call-template></a>
    </nav>
    <h1>
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('catalogue.title.', $c/@view)"/></xsl:call-template>
      <xsl:if test="$c/@view = 'service'">: <xsl:value-of select="$c/services/service/name"/></xsl:if>
      <xsl:if test="$c/@view = 'topic'">: <xsl:value-of select="$c/topics/topic/name"/></xsl:if>
      <xsl:if test="$c/@view = 'field'">: <xsl:value-of select="$c/fields/field/label[@lang = $pd-lang]"/></xsl:if>
    </h1>
    <xsl:apply-templates select="$c"/>
  </xsl:template>

  <!-- Services -->
  <xsl:template match="catalogue[@view = 'services']">
    <table>
      <thead>
        <tr>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.service'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.audience'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.topics'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.state'"/></xsl:call-template></th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="services/service">
          <tr>
            <td><a href="/admin/services/{@id}"><xsl:value-of select="name"/></a></td>
            <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('catalogue.for.', @for)"/></xsl:call-template></td>
            <td><a href="/admin/topics?service={@id}"><xsl:value-of select="@topics"/></a></td>
            <td><xsl:call-template name="state"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.new_service'"/></xsl:call-template></h2>
    <xsl:call-template name="service-form">
      <xsl:with-param name="action" select="'/admin/services'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- One service -->
  <xsl:template match="catalogue[@view = 'service']">
    <xsl:variable name="s" select="services/service"/>
    <p>
      <xsl:call-template name="state"><xsl:with-param name="of" select="$s"/></xsl:call-template>
      <xsl:text> · </xsl:text>
      <a href="/admin/topics?service={$s/@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.topics'"/></xsl:call-template></a>
      <xsl:text> · </xsl:text>
      <a href="/admin/articles?service={$s/@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'nav.admin_articles'"/></xsl:call-template></a>
    </p>
    <xsl:if test="topics/topic">
      <ul>
        <xsl:for-each select="topics/topic">
          <li>
            <a href="/admin/topics/{@id}"><xsl:value-of select="name"/></a>
            <xsl:if test="@retired"><xsl:text> </xsl:text><xsl:call-template name="state"/></xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.edit'"/></xsl:call-template></h2>
    <xsl:call-template name="service-form">
      <xsl:with-param name="action" select="concat('/admin/services/', $s/@id)"/>
      <xsl:with-param name="s" select="$s"/>
    </xsl:call-template>
    <xsl:if test="not($s/@retired)">
      <xsl:call-template name="retire">
        <xsl:with-param name="action" select="concat('/admin/services/', $s/@id, '/retire')"/>
        <xsl:with-param name="hint" select="'catalogue.retire_service_hint'"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="service-form">
    <xsl:param name="action"/>
    <xsl:param name="s" select="/.."/>
    <form method="post" action="{$action}">
      <xsl:call-template name="csrf-field"/>
      <xsl:call-template name="input">
        <xsl:with-param name="form" select="'service'"/>
        <xsl:with-param name="name" select="'name'"/>
        <xsl:with-param name="current" select="$s/name"/>
        <xsl:with-param name="max" select="200"/>
        <xsl:with-param name="required" select="true()"/>
      </xsl:call-template>
      <xsl:call-template name="select">
        <xsl:with-param name="form" select="'service'"/>
        <xsl:with-param name="name" select="'family'"/>
        <xsl:with-param name="current" select="$s/@family"/>
        <xsl:with-param name="values" select="'office365 azure dynamics365 partner '"/>
      </xsl:call-template>
      <xsl:call-template name="select">
        <xsl:with-param name="form" select="'service'"/>
        <xsl:with-param name="name" select="'audience'"/>
        <xsl:with-param name="current" select="$s/@for"/>
        <xsl:with-param name="values" select="'customers partners '"/>
        <xsl:with-param name="prefix" select="'catalogue.for.'"/>
      </xsl:call-template>
      <xsl:call-template name="input">
        <xsl:with-param name="form" select="'service'"/>
        <xsl:with-param name="name" select="'admin_url'"/>
        <xsl:with-param name="current" select="$s/admin-url"/>
        <xsl:with-param name="max" select="1000"/>
        <xsl:with-param name="hint" select="'catalogue.hint.admin_url'"/>
      </xsl:call-template>
      <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.save'"/></xsl:call-template></button></p>
    </form>
  </xsl:template>

  <!-- Topics -->
  <xsl:template match="catalogue[@view = 'topics']">
    <table>
      <thead>
        <tr>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.topic'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.service'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.kind'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.state'"/></xsl:call-template></th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="topics/topic">
          <tr>
            <td><a href="/admin/topics/{@id}"><xsl:value-of select="name"/></a></td>
            <td><a href="/admin/services/{service/@id}"><xsl:value-of select="service/name"/></a></td>
            <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('catalogue.kind.', @kind)"/></xsl:call-template></td>
            <td><xsl:call-template name="state"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.new_topic'"/></xsl:call-template></h2>
    <form method="post" action="/admin/topics">
      <xsl:call-template name="csrf-field"/>
      <xsl:call-template name="service-choice">
        <xsl:with-param name="form" select="'topic'"/>
      </xsl:call-template>
      <xsl:call-template name="topic-fields"/>
      <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.save'"/></xsl:call-template></button></p>
    </form>
  </xsl:template>

  <xsl:template name="topic-fields">
    <xsl:param name="t" select="/.."/>
    <xsl:call-template name="input">
      <xsl:with-param name="form" select="'topic'"/>
      <xsl:with-param name="name" select="'name'"/>
      <xsl:with-param name="current" select="$t/name"/>
      <xsl:with-param name="max" select="200"/>
      <xsl:with-param name="required" select="true()"/>
    </xsl:call-template>
    <xsl:call-template name="select">
      <xsl:with-param name="form" select="'topic'"/>
      <xsl:with-param name="name" select="'kind'"/>
      <xsl:with-param name="current" select="$t/@kind"/>
      <xsl:with-param name="values" select="'technical billing fraud account '"/>
      <xsl:with-param name="prefix" select="'catalogue.kind.'"/>
      <xsl:with-param name="hint" select="'catalogue.hint.kind'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- One topic and its own fields -->
  <xsl:template match="catalogue[@view = 'topic']">
    <xsl:variable name="t" select="topics/topic"/>
    <p>
      <xsl:call-template name="state"><xsl:with-param name="of" select="$t"/></xsl:call-template>
      <xsl:text> · </xsl:text>
      <a href="/admin/services/{$t/service/@id}"><xsl:value-of select="$t/service/name"/></a>
    </p>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.fields'"/></xsl:call-template></h2>
    <xsl:choose>
      <xsl:when test="fields/field">
        <table>
          <thead>
            <tr>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.label'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.type'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.rules'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.state'"/></xsl:call-template></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="fields/field">
              <tr>
                <td>
                  <a href="/admin/topics/{$t/@id}/fields/{@id}">
                    <xsl:for-each select="label">
                      <span lang="{@lang}"><xsl:value-of select="."/></span>
                      <xsl:if test="position() != last()"><xsl:text> / </xsl:text></xsl:if>
                    </xsl:for-each>
                  </a>
                </td>
                <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('catalogue.type.', @kind)"/></xsl:call-template></td>
                <td>
                  <xsl:if test="@required"><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.required'"/></xsl:call-template><xsl:text> </xsl:text></xsl:if>
                  <xsl:if test="pattern"><code><xsl:value-of select="pattern"/></code><xsl:text> </xsl:text></xsl:if>
                  <xsl:for-each select="choice">
                    <xsl:value-of select="."/>
                    <xsl:if test="position() != last()"><xsl:text>, </xsl:text></xsl:if>
                  </xsl:for-each>
                </td>
                <td>
                  <xsl:choose>
                    <xsl:when test="@retired"><xsl:call-template name="state"/></xsl:when>
                    <xsl:otherwise>
                      <form method="post" action="/admin/topics/{$t/@id}/fields/{@id}/retire" class="inline">
                        <xsl:call-template name="csrf-field"/>
                        <button type="submit" class="secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.retire'"/></xsl:call-template></button>
                      </form>
                    </xsl:otherwise>
                  </xsl:choose>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.no_fields'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>

    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.new_field'"/></xsl:call-template></h2>
    <form method="post" action="/admin/topics/{$t/@id}/fields">
      <xsl:call-template name="csrf-field"/>
      <xsl:call-template name="field-inputs"/>
      <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.add_field'"/></xsl:call-template></button></p>
    </form>

    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.edit'"/></xsl:call-template></h2>
    <form method="post" action="/admin/topics/{$t/@id}">
      <xsl:call-template name="csrf-field"/>
      <xsl:call-template name="topic-fields"><xsl:with-param name="t" select="$t"/></xsl:call-template>
      <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.save'"/></xsl:call-template></button></p>
    </form>
    <xsl:if test="not($t/@retired)">
      <xsl:call-template name="retire">
        <xsl:with-param name="action" select="concat('/admin/topics/', $t/@id, '/retire')"/>
        <xsl:with-param name="hint" select="'catalogue.retire_topic_hint'"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- One field of a topic: its labels, whether required, its pattern
       and choices can change; its type cannot (answers were given to it). -->
  <xsl:template match="catalogue[@view = 'field']">
    <xsl:variable name="t" select="topics/topic"/>
    <xsl:variable name="f" select="fields/field"/>
    <p>
      <xsl:call-template name="state"><xsl:with-param name="of" select="$f"/></xsl:call-template>
      <xsl:text> · </xsl:text>
      <a href="/admin/topics/{$t/@id}"><xsl:value-of select="$t/name"/></a>
      <xsl:text> · </xsl:text>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'field.type'"/></xsl:call-template>
      <xsl:text>: </xsl:text>
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('catalogue.type.', $f/@kind)"/></xsl:call-template>
    </p>
    <form method="post" action="/admin/topics/{$t/@id}/fields/{$f/@id}">
      <xsl:call-template name="csrf-field"/>
      <xsl:call-template name="field-inputs"><xsl:with-param name="f" select="$f"/></xsl:call-template>
      <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.save'"/></xsl:call-template></button></p>
    </form>
  </xsl:template>

  <!-- Articles -->
  <xsl:template match="catalogue[@view = 'articles']">
    <table>
      <thead>
        <tr>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.title'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.service'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.lang'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.state'"/></xsl:call-template></th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="articles/article">
          <tr>
            <td><a href="{url}" hreflang="{@lang}" rel="noopener noreferrer"><xsl:value-of select="title"/></a></td>
            <td><xsl:value-of select="service/name"/></td>
            <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('catalogue.lang.', @lang)"/></xsl:call-template></td>
            <td>
              <form method="post" action="/admin/articles/{@id}/remove" class="inline">
                <xsl:call-template name="csrf-field"/>
                <button type="submit" class="secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.remove'"/></xsl:call-template></button>
              </form>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.new_article'"/></xsl:call-template></h2>
    <form method="post" action="/admin/articles">
      <xsl:call-template name="csrf-field"/>
      <xsl:call-template name="service-choice"><xsl:with-param name="form" select="'article'"/></xsl:call-template>
      <xsl:call-template name="input">
        <xsl:with-param name="form" select="'article'"/>
        <xsl:with-param name="name" select="'title'"/>
        <xsl:with-param name="max" select="200"/>
        <xsl:with-param name="required" select="true()"/>
      </xsl:call-template>
      <xsl:call-template name="input">
        <xsl:with-param name="form" select="'article'"/>
        <xsl:with-param name="name" select="'url'"/>
        <xsl:with-param name="type" select="'url'"/>
        <xsl:with-param name="max" select="1000"/>
        <xsl:with-param name="required" select="true()"/>
      </xsl:call-template>
      <xsl:call-template name="select">
        <xsl:with-param name="form" select="'article'"/>
        <xsl:with-param name="name" select="'lang'"/>
        <xsl:with-param name="values" select="'en zh it '"/>
        <xsl:with-param name="prefix" select="'catalogue.lang.'"/>
      </xsl:call-template>
      <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.save'"/></xsl:call-template></button></p>
    </form>
  </xsl:template>

  <!-- The inputs of a field's form: a new one's (with its type), or
       those of f, the field edited. -->
  <xsl:template name="field-inputs">
    <xsl:param name="f" select="/.."/>
    <xsl:call-template name="input"><xsl:with-param name="form" select="'field'"/><xsl:with-param name="name" select="'label_en'"/><xsl:with-param name="current" select="$f/label[@lang = 'en']"/><xsl:with-param name="required" select="true()"/><xsl:with-param name="lang" select="'en'"/></xsl:call-template>
    <xsl:call-template name="input"><xsl:with-param name="form" select="'field'"/><xsl:with-param name="name" select="'label_zh'"/><xsl:with-param name="current" select="$f/label[@lang = 'zh']"/><xsl:with-param name="required" select="true()"/><xsl:with-param name="lang" select="'zh'"/></xsl:call-template>
    <xsl:call-template name="input"><xsl:with-param name="form" select="'field'"/><xsl:with-param name="name" select="'label_it'"/><xsl:with-param name="current" select="$f/label[@lang = 'it']"/><xsl:with-param name="required" select="true()"/><xsl:with-param name="lang" select="'it'"/></xsl:call-template>
    <xsl:if test="not($f)">
      <xsl:call-template name="select">
        <xsl:with-param name="form" select="'field'"/>
        <xsl:with-param name="name" select="'type'"/>
        <xsl:with-param name="values" select="'text number choice date '"/>
        <xsl:with-param name="prefix" select="'catalogue.type.'"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:variable name="d" select="$c/draft[@form = 'field']"/>
    <div class="field">
      <label class="inline">
        <input type="checkbox" id="required" name="required" value="yes">
          <xsl:if test="($d and $d/required = 'yes') or (not($d) and $f/@required)"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input>
        <xsl:text> </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'field.required'"/></xsl:call-template>
      </label>
      <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'required'"/></xsl:call-template>
    </div>
    <xsl:call-template name="input">
      <xsl:with-param name="form" select="'field'"/>
      <xsl:with-param name="name" select="'pattern'"/>
      <xsl:with-param name="current" select="$f/pattern"/>
      <xsl:with-param name="max" select="200"/>
      <xsl:with-param name="hint" select="'catalogue.hint.pattern'"/>
    </xsl:call-template>
    <xsl:if test="not($f) or $f/@kind = 'choice'">
      <div class="field">
        <label for="choices"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.choices'"/></xsl:call-template></label>
        <p class="hint" id="hint-choices"><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.hint.choices'"/></xsl:call-template></p>
        <textarea id="choices" name="choices" rows="4" aria-describedby="hint-choices">
          <xsl:call-template name="invalid"><xsl:with-param name="name" select="'choices'"/></xsl:call-template>
          <xsl:choose>
            <xsl:when test="$d"><xsl:value-of select="$d/choices"/></xsl:when>
            <xsl:otherwise>
              <xsl:for-each select="$f/choice">
                <xsl:value-of select="."/>
                <xsl:if test="position() != last()"><xsl:text>&#10;</xsl:text></xsl:if>
              </xsl:for-each>
            </xsl:otherwise>
          </xsl:choose>
        </textarea>
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'choices'"/></xsl:call-template>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- Shared pieces -->

  <!-- Current or retired, of the context (or the node of). -->
  <xsl:template name="state">
    <xsl:param name="of" select="."/>
    <xsl:choose>
      <xsl:when test="$of/@retired"><span class="badge retired"><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.retired'"/></xsl:call-template></span></xsl:when>
      <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.current'"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="retire">
    <xsl:param name="action"/>
    <xsl:param name="hint"/>
    <form method="post" action="{$action}">
      <xsl:call-template name="csrf-field"/>
      <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="$hint"/></xsl:call-template></p>
      <p><button type="submit" class="secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.retire'"/></xsl:call-template></button></p>
    </form>
  </xsl:template>

  <!-- The current services, for a new topic or article. -->
  <xsl:template name="service-choice">
    <xsl:param name="form"/>
    <xsl:variable name="v">
      <xsl:call-template name="value">
        <xsl:with-param name="form" select="$form"/>
        <xsl:with-param name="name" select="'service'"/>
        <xsl:with-param name="current" select="$c/@service"/>
      </xsl:call-template>
    </xsl:variable>
    <div class="field">
      <label for="service"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.service'"/></xsl:call-template></label>
      <select id="service" name="service" required="required">
        <xsl:call-template name="invalid"><xsl:with-param name="name" select="'service'"/></xsl:call-template>
        <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'catalogue.choose'"/></xsl:call-template></option>
        <xsl:for-each select="$c/services/service">
          <option value="{@id}">
            <xsl:if test="@id = $v"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:value-of select="name"/>
          </option>
        </xsl:for-each>
      </select>
      <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'service'"/></xsl:call-template>
    </div>
  </xsl:template>

</xsl:stylesheet>
