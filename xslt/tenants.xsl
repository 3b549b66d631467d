<?xml version="1.0" encoding="UTF-8"?>
<!-- Administration of tenants (cgi-bin/tenants.c): the operator admin's
     partners, a partner's page. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('tenants.title.', local-name(partners | partner))"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:apply-templates select="partners | partner"/>
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
    <xsl:apply-templates select="support"/>
    <section class="edit-partner">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'tenants.edit_partner'"/></xsl:call-template></h2>
      <form method="post" action="/admin/partners/{@id}">
        <xsl:call-template name="csrf-field"/>
        <xsl:call-template name="partner-fields"><xsl:with-param name="p" select="."/></xsl:call-template>
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
</xsl:stylesheet>
