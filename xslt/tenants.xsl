<?xml version="1.0" encoding="UTF-8"?>
<!-- Administration of tenants (cgi-bin/tenants.c): the operator admin's
     partners, a partner's page, a partner's customers and a customer. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('tenants.title.', local-name((partners | partner | customers | customer | import | support-profile)[1]))"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:apply-templates select="partners | partner | customers | customer | import | support-profile"/>
  </xsl:template>

  <!-- A text input of the page's forms: its label, value and errors. -->
  <xsl:template name="input">
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="required" select="true()"/>
    <xsl:param name="max" select="200"/>
    <xsl:param name="hint"/>
    <p class="field">
      <label for="{$name}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('field.', $name)"/></xsl:call-template></label>
      <xsl:if test="$hint">
        <span class="hint" id="hint-{$name}"><xsl:call-template name="t"><xsl:with-param name="k" select="$hint"/></xsl:call-template></span>
      </xsl:if>
      <input type="{$type}" id="{$name}" name="{$name}" value="{$value}" maxlength="{$max}">
        <xsl:if test="$required"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
        <xsl:if test="$hint"><xsl:attribute name="aria-describedby">hint-<xsl:value-of select="$name"/></xsl:attribute></xsl:if>
      </input>
      <xsl:call-template name="field-errors"><xsl:with-param name="name" select="$name"/></xsl:call-template>
    </p>
  </xsl:template>

  <xsl:template name="checkbox">
    <xsl:param name="name"/>
    <xsl:param name="checked"/>
    <p class="field">
      <input type="checkbox" id="{$name}" name="{$name}" value="yes">
        <xsl:if test="$checked"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
      </input>
      <xsl:text> </xsl:text>
      <label for="{$name}" class="inline"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('field.', $name)"/></xsl:call-template></label>
      <xsl:call-template name="field-errors"><xsl:with-param name="name" select="$name"/></xsl:call-template>
    </p>
  </xsl:template>

  <!-- The fields the operator admin sets on a partner, new or edited. -->
  <xsl:template name="partner-fields">
    <xsl:param name="p"/>
    <xsl:call-template name="input">
      <xsl:with-param name="name" select="'name'"/>
      <xsl:with-param name="value" select="$p/name"/>
    </xsl:call-template>
    <xsl:call-template name="input">
      <xsl:with-param name="name" select="'domain'"/>
      <xsl:with-param name="value" select="$p/domain"/>
      <xsl:with-param name="max" select="253"/>
      <xsl:with-param name="hint" select="'tenants.domain_hint'"/>
    </xsl:call-template>
    <xsl:call-template name="input">
      <xsl:with-param name="name" select="'support_email'"/>
      <xsl:with-param name="value" select="$p/support-email"/>
      <xsl:with-param name="type" select="'email'"/>
      <xsl:with-param name="max" select="254"/>
      <xsl:with-param name="hint" select="'tenants.support_email_hint'"/>
    </xsl:call-template>
    <xsl:call-template name="checkbox">
      <xsl:with-param name="name" select="'sets_premium'"/>
      <xsl:with-param name="checked" select="$p/@sets-premium = 'yes'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="active-badge">
    <span class="badge active-{@active}">
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('tenants.active.', @active)"/></xsl:call-template>
    </span>
  </xsl:template>

  <!-- /admin/partners: every partner, then the form for a new one. -->
  <xsl:template match="partners">
    <h1><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.title.partners'"/></xsl:call-template></h1>
    <table>
      <thead>
        <tr>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.name'"/></xsl:call-template></th>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.domain'"/></xsl:call-template></th>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.support_email'"/></xsl:call-template></th>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.customers'"/></xsl:call-template></th>
          <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.status'"/></xsl:call-template></th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="partner">
          <tr>
            <td><a href="/admin/partners/{@id}"><xsl:value-of select="name"/></a></td>
            <td><xsl:value-of select="domain"/></td>
            <td><xsl:value-of select="support-email"/></td>
            <td><xsl:value-of select="@customers"/></td>
            <td><xsl:call-template name="active-badge"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <section class="new-partner">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.new_partner'"/></xsl:call-template></h2>
      <form method="post" action="/admin/partners">
        <xsl:call-template name="csrf-field"/>
        <xsl:call-template name="partner-fields"><xsl:with-param name="p" select="../new-partner"/></xsl:call-template>
        <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.create_partner'"/></xsl:call-template></button></p>
      </form>
    </section>
  </xsl:template>

  <!-- /admin/partners/ID: the partner, its support profile, its steps. -->
  <xsl:template match="partner">
    <h1><xsl:value-of select="name"/><xsl:text> </xsl:text><xsl:call-template name="active-badge"/></h1>
    <xsl:if test="@saved = 'yes'">
      <p class="notice success" role="status"><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.saved'"/></xsl:call-template></p>
    </xsl:if>
    <p>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.counts'"/></xsl:call-template>
      <xsl:value-of select="concat(' ', @customers, ' / ', @users)"/>
    </p>
    <p><a href="/admin/customers?partner={@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.manage_customers'"/></xsl:call-template></a></p>
    <xsl:apply-templates select="support"/>
    <section class="edit-partner">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.edit_partner'"/></xsl:call-template></h2>
      <form method="post" action="/admin/partners/{@id}">
        <xsl:call-template name="csrf-field"/>
        <xsl:call-template name="partner-fields"><xsl:with-param name="p" select="."/></xsl:call-template>
        <p class="field">
          <label for="session_idle_minutes"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.session_idle_minutes'"/></xsl:call-template></label>
          <span class="hint" id="hint-session_idle_minutes"><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.idle_hint'"/></xsl:call-template></span>
          <input type="number" id="session_idle_minutes" name="session_idle_minutes" value="{@idle-minutes}" min="5" max="720" step="1" required="required" aria-describedby="hint-session_idle_minutes"/>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'session_idle_minutes'"/></xsl:call-template>
        </p>
        <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.save'"/></xsl:call-template></button></p>
      </form>
    </section>
    <xsl:for-each select="may">
      <form method="post" action="/admin/partners/{../@id}/{@action}">
        <xsl:call-template name="csrf-field"/>
        <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('tenants.step_hint.', @action)"/></xsl:call-template></p>
        <p><button type="submit" class="secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('tenants.step.', @action)"/></xsl:call-template></button></p>
      </form>
    </xsl:for-each>
  </xsl:template>

  <!-- The partner's support profile, kept by its global admin. -->
  <xsl:template match="support">
    <section class="support-profile">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.support_profile'"/></xsl:call-template></h2>
      <dl>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.support_email'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="../support-email"/></dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.phone'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="phone"/></dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.website'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="website"/></dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'field.hours'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="hours"/></dd>
      </dl>
    </section>
  </xsl:template>

  <!-- The fields of a customer, new or edited; premium only for those
       who may set it (else it is shown). -->
  <xsl:template name="customer-fields">
    <xsl:param name="c"/>
    <xsl:param name="may-premium"/>
    <xsl:call-template name="input">
      <xsl:with-param name="name" select="'name'"/>
      <xsl:with-param name="value" select="$c/name"/>
    </xsl:call-template>
    <xsl:call-template name="input">
      <xsl:with-param name="name" select="'domain'"/>
      <xsl:with-param name="value" select="$c/domain"/>
      <xsl:with-param name="max" select="253"/>
    </xsl:call-template>
    <xsl:call-template name="input">
      <xsl:with-param name="name" select="'tenant_id'"/>
      <xsl:with-param name="value" select="$c/tenant-id"/>
      <xsl:with-param name="max" select="36"/>
      <xsl:with-param name="hint" select="'tenants.tenant_id_hint'"/>
    </xsl:call-template>
    <xsl:choose>
      <xsl:when test="$may-premium">
        <xsl:call-template name="checkbox">
          <xsl:with-param name="name" select="'premium'"/>
          <xsl:with-param name="checked" select="$c/@premium = 'yes'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <p class="hint">
          <xsl:call-template name="t"><xsl:with-param name="k" select="concat('tenants.premium.', $c/@premium)"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.premium_by_operator'"/></xsl:call-template>
        </p>
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'premium'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- /admin/customers?partner=ID: the partner's customers, then the
       form for a new one. -->
  <xsl:template match="customers">
    <h1>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.title.customers'"/></xsl:call-template>
      <xsl:value-of select="concat(': ', partner)"/>
    </h1>
    <xsl:if test="@imported">
      <p class="notice success" role="status">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.imported'"/></xsl:call-template>
        <xsl:value-of select="concat(' ', @imported)"/>
      </p>
    </xsl:if>
    <xsl:if test="may[@action = 'import']">
      <p><a href="/admin/customers/import?partner={partner/@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.import_link'"/></xsl:call-template></a></p>
    </xsl:if>
    <p>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.customers'"/></xsl:call-template>
      <xsl:value-of select="concat(': ', pager/@total)"/>
    </p>
    <xsl:if test="customer">
      <table>
        <thead>
          <tr>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.name'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.domain'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.tenant_id'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.premium'"/></xsl:call-template></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="customer">
            <tr>
              <td><a href="/admin/customers/{@id}"><xsl:value-of select="name"/></a></td>
              <td><xsl:value-of select="domain"/></td>
              <td><code><xsl:value-of select="tenant-id"/></code></td>
              <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('tenants.premium.', @premium)"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
    <xsl:call-template name="pager"/>
    <section class="new-customer">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.new_customer'"/></xsl:call-template></h2>
      <form method="post" action="/admin/customers">
        <xsl:call-template name="csrf-field"/>
        <input type="hidden" name="partner" value="{partner/@id}"/>
        <xsl:call-template name="customer-fields">
          <xsl:with-param name="c" select="../new-customer"/>
          <xsl:with-param name="may-premium" select="may[@action = 'premium']"/>
        </xsl:call-template>
        <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.create_customer'"/></xsl:call-template></button></p>
      </form>
    </section>
  </xsl:template>

  <!-- /admin/customers/ID: one customer's form and its services. -->
  <xsl:template match="customer">
    <h1><xsl:value-of select="name"/></h1>
    <xsl:if test="@saved = 'yes'">
      <p class="notice success" role="status"><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.customer_saved'"/></xsl:call-template></p>
    </xsl:if>
    <p><a href="/admin/customers?partner={partner/@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.title.customers'"/></xsl:call-template>: <xsl:value-of select="partner"/></a></p>
    <form method="post" action="/admin/customers/{@id}">
      <xsl:call-template name="csrf-field"/>
      <xsl:call-template name="customer-fields">
        <xsl:with-param name="c" select="."/>
        <xsl:with-param name="may-premium" select="may[@action = 'premium']"/>
      </xsl:call-template>
      <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.save'"/></xsl:call-template></button></p>
    </form>
    <section class="services">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.services'"/></xsl:call-template></h2>
      <table class="customer-services">
        <tbody>
          <xsl:for-each select="services/service">
            <tr>
              <td><xsl:value-of select="name"/></td>
              <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('tenants.has.', @has)"/></xsl:call-template></td>
              <td>
                <form method="post" action="/admin/customers/{../../@id}/services/{@id}" class="inline">
                  <xsl:call-template name="csrf-field"/>
                  <xsl:choose>
                    <xsl:when test="@has = 'yes'"><input type="hidden" name="has" value="no"/></xsl:when>
                    <xsl:otherwise><input type="hidden" name="has" value="yes"/></xsl:otherwise>
                  </xsl:choose>
                  <button type="submit" class="secondary">
                    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('tenants.service_action.', @has)"/></xsl:call-template>
                    <span class="visually-hidden"><xsl:value-of select="concat(': ', name)"/></span>
                  </button>
                </form>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </section>
  </xsl:template>

  <!-- /admin/customers/import: the CSV form and, after a POST, one row
       per line: ok, or the field and the rule it broke. -->
  <xsl:template match="import">
    <h1>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.title.import'"/></xsl:call-template>
      <xsl:value-of select="concat(': ', partner)"/>
    </h1>
    <p><a href="/admin/customers?partner={partner/@id}"><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.title.customers'"/></xsl:call-template>: <xsl:value-of select="partner"/></a></p>
    <xsl:if test="row">
      <xsl:choose>
        <xsl:when test="@errors &gt; 0">
          <p class="notice error" role="status">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.import_errors'"/></xsl:call-template>
            <xsl:value-of select="concat(' ', @errors)"/>
          </p>
        </xsl:when>
        <xsl:otherwise>
          <p class="notice success" role="status">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.import_ok'"/></xsl:call-template>
            <xsl:value-of select="concat(' ', @rows)"/>
          </p>
        </xsl:otherwise>
      </xsl:choose>
      <table class="import-rows">
        <thead>
          <tr>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.line'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.status'"/></xsl:call-template></th>
            <th><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.problem'"/></xsl:call-template></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="row">
            <tr>
              <td><xsl:value-of select="@line"/></td>
              <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('tenants.row.', @status)"/></xsl:call-template></td>
              <td>
                <xsl:if test="@field">
                  <code><xsl:value-of select="@field"/></code>
                  <xsl:text>: </xsl:text>
                </xsl:if>
                <xsl:if test="@rule">
                  <xsl:call-template name="t"><xsl:with-param name="k" select="concat('error.', @rule)"/></xsl:call-template>
                </xsl:if>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
    <xsl:if test="@file">
      <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.checked_file'"/></xsl:call-template><xsl:value-of select="concat(' ', @file)"/></p>
    </xsl:if>
    <form method="post" action="/admin/customers/import" enctype="multipart/form-data">
      <xsl:call-template name="csrf-field"/>
      <input type="hidden" name="partner" value="{partner/@id}"/>
      <p class="hint" id="hint-csv"><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.csv_hint'"/></xsl:call-template></p>
      <p class="field">
        <label for="file"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.csv_file'"/></xsl:call-template></label>
        <span class="hint" id="hint-file"><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.csv_file_hint'"/></xsl:call-template></span>
        <input type="file" id="file" name="file" accept=".csv,text/csv" aria-describedby="hint-csv hint-file"/>
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'file'"/></xsl:call-template>
      </p>
      <p class="field">
        <label for="csv"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.csv'"/></xsl:call-template></label>
        <textarea id="csv" name="csv" rows="12" aria-describedby="hint-csv"><xsl:value-of select="csv"/></textarea>
        <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'csv'"/></xsl:call-template>
      </p>
      <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'dry_run'"/></xsl:call-template>
      <p>
        <button type="submit" name="dry_run" value="yes"><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.dry_run'"/></xsl:call-template></button>
        <xsl:text> </xsl:text>
        <button type="submit" name="dry_run" value="no" class="secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.import'"/></xsl:call-template></button>
      </p>
    </form>
  </xsl:template>

  <!-- /account/support: the partner's support profile, for its global
       admin; operator staff see it on each of its requests. -->
  <xsl:template match="support-profile">
    <h1>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.title.support-profile'"/></xsl:call-template>
      <xsl:value-of select="concat(': ', partner)"/>
    </h1>
    <xsl:if test="@saved = 'yes'">
      <p class="notice success" role="status"><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.support_saved'"/></xsl:call-template></p>
    </xsl:if>
    <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.support_hint'"/></xsl:call-template></p>
    <form method="post" action="/account/support">
      <xsl:call-template name="csrf-field"/>
      <xsl:call-template name="input">
        <xsl:with-param name="name" select="'support_email'"/>
        <xsl:with-param name="value" select="support-email"/>
        <xsl:with-param name="type" select="'email'"/>
        <xsl:with-param name="max" select="254"/>
      </xsl:call-template>
      <xsl:call-template name="input">
        <xsl:with-param name="name" select="'phone'"/>
        <xsl:with-param name="value" select="phone"/>
        <xsl:with-param name="type" select="'tel'"/>
        <xsl:with-param name="required" select="false()"/>
        <xsl:with-param name="max" select="40"/>
      </xsl:call-template>
      <xsl:call-template name="input">
        <xsl:with-param name="name" select="'website'"/>
        <xsl:with-param name="value" select="website"/>
        <xsl:with-param name="type" select="'url'"/>
        <xsl:with-param name="required" select="false()"/>
        <xsl:with-param name="hint" select="'tenants.website_hint'"/>
      </xsl:call-template>
      <xsl:call-template name="input">
        <xsl:with-param name="name" select="'hours'"/>
        <xsl:with-param name="value" select="hours"/>
        <xsl:with-param name="required" select="false()"/>
        <xsl:with-param name="hint" select="'tenants.hours_hint'"/>
      </xsl:call-template>
      <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.save'"/></xsl:call-template></button></p>
    </form>
  </xsl:template>
</xsl:stylesheet>
