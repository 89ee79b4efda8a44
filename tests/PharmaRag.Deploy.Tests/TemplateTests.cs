using System.Text.Json.Nodes;

namespace PharmaRag.Deploy.Tests;

/// <summary>deploy/cloudformation/pharmarag.yaml against AWS's resource specification and the security rules.</summary>
public sealed class TemplateTests
{
    [Fact]
    public async Task The_template_is_valid_against_the_cloudformation_resource_specification()
    {
        var spec = await ResourceSpecification.LoadAsync();
        Assert.Equal("117.0.0", spec.SpecificationVersion);

        var errors = spec.Validate(CloudFormationYaml.LoadTemplate());

        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_specification_check_finds_unknown_types_unknown_and_missing_properties_at_any_depth()
    {
        var spec = await ResourceSpecification.LoadAsync();
        var template = CloudFormationYaml.Parse("""
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketNme: typo
                  PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockEverything: true }
              Stage:
                Type: AWS::ApiGatewayV2::Stage
                Properties:
                  StageName: $default
              Service:
                Type: AWS::ECS::Service
                DependsOn: Missing
                Properties:
                  NetworkConfiguration:
                    AwsvpcConfiguration: { AssignPublicIp: DISABLED, Subnets: [!Ref Nowhere], Colour: red }
                  LoadBalancers:
                    - !If [Cond, { ContainerPort: 8000, Port: 1 }, !Ref AWS::NoValue]
              Thing:
                Type: AWS::Made::Up
              Arn:
                Type: AWS::SSM::Parameter
                Properties: { Type: String, Value: !GetAtt Bucket.NoSuchAttribute }
            """);

        var errors = spec.Validate(template);

        Assert.Contains("Bucket: BucketNme is not a property of AWS::S3::Bucket", errors);
        Assert.Contains("Bucket.PublicAccessBlockConfiguration: BlockEverything is not a property of AWS::S3::Bucket", errors);
        Assert.Contains("Stage: required property ApiId is missing", errors);
        Assert.Contains("Service.NetworkConfiguration.AwsvpcConfiguration: Colour is not a property of AWS::ECS::Service", errors);
        Assert.Contains("Service.LoadBalancers[]: Port is not a property of AWS::ECS::Service", errors);
        Assert.Contains("Thing: resource type AWS::Made::Up does not exist", errors);
        Assert.Contains("Service: DependsOn names no resource Missing", errors);
        Assert.Contains("Ref to unknown Nowhere", errors);
        Assert.Contains("unknown condition Cond", errors);
        Assert.Contains("Bucket (AWS::S3::Bucket) has no attribute NoSuchAttribute", errors);
    }

    [Fact]
    public void The_template_has_no_open_ingress_no_ssh_no_public_tasks_no_public_buckets_and_no_wildcard_iam()
    {
        var violations = TemplateSecurityRules.Violations(CloudFormationYaml.LoadTemplate());

        Assert.Empty(violations);
    }

    [Fact]
    public void The_security_rules_catch_each_flaw_of_the_original()
    {
        var template = CloudFormationYaml.Parse("""
            Resources:
              PublicSubnet:
                Type: AWS::EC2::Subnet
                Properties: { VpcId: vpc-1, CidrBlock: 10.0.0.0/24, MapPublicIpOnLaunch: true }
              TaskGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: the original's task group
                  SecurityGroupIngress:
                    - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
                    - { IpProtocol: tcp, FromPort: 8000, ToPort: 8000, CidrIpv6: ::/0 }
                    - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }
              Service:
                Type: AWS::ECS::Service
                Properties:
                  NetworkConfiguration:
                    AwsvpcConfiguration: { AssignPublicIp: ENABLED, Subnets: [!Ref PublicSubnet] }
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true }
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {}
                  Policies:
                    - PolicyName: admin
                      PolicyDocument:
                        Statement:
                          - { Effect: Allow, Action: "*", Resource: "*" }
                          - { Effect: Deny, Action: "*", Resource: "*" }
            """);

        var violations = TemplateSecurityRules.Violations(template);

        Assert.Equal(
        [
            "TaskGroup: ingress reaches port 22 (SSH)",
            "TaskGroup: ingress from anywhere on ports 22-22; only the public entry's 443 may be open",
            "TaskGroup: ingress from anywhere on ports 8000-8000; only the public entry's 443 may be open",
            "Service: tasks must not get public IPs (AssignPublicIp: DISABLED)",
            "Service: tasks run in PublicSubnet, which assigns public IPs",
            "Bucket: bucket without public-access block (RestrictPublicBuckets)",
            "Role: an IAM statement allows \"*\" actions on \"*\" resources",
        ], violations);
    }

    [Fact]
    public void The_template_has_what_the_original_has()
    {
        var template = CloudFormationYaml.LoadTemplate();
        var resources = template["Resources"]!.AsObject();
        var types = resources.Select(r => (string)r.Value!["Type"]!).ToHashSet();
        foreach (var type in new[]
                 {
                     "AWS::EC2::VPC", "AWS::EC2::NatGateway", "AWS::EC2::VPCEndpoint", "AWS::S3::Bucket", "AWS::S3::BucketPolicy",
                     "AWS::EFS::FileSystem", "AWS::EFS::AccessPoint", "AWS::EFS::MountTarget", "AWS::ECS::Cluster", "AWS::ECS::Service",
                     "AWS::ECS::TaskDefinition", "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::TargetGroup",
                     "AWS::Lambda::Function", "AWS::ApiGatewayV2::Api", "AWS::ApiGatewayV2::Stage", "AWS::Events::Rule", "AWS::Logs::LogGroup",
                 })
        {
            Assert.Contains(type, types);
        }
        var routes = resources.Where(r => (string?)r.Value!["Type"] == "AWS::ApiGatewayV2::Route")
            .Select(r => (string)r.Value!["Properties"]!["RouteKey"]!).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "GET /health", "GET /presigned-url", "POST /rag-query", "POST /rag-query-multimodal", "GET /rag-query/{id}",
            "GET /documents", "GET /documents/{id}", "DELETE /documents/{id}",
            // The web page's calls and the page itself, through the gateway.
            "POST /rag-query/stream", "POST /process", "GET /documents/{id}/file", "GET /graph", "GET /graph/{proxy+}", "GET /", "GET /{proxy+}",
        }, routes);
        var service = resources["Service"]!["Properties"]!;
        Assert.Equal(0L, (long)service["DesiredCount"]!);
        Assert.Equal("/health", (string)resources["TargetGroup"]!["Properties"]!["HealthCheckPath"]!);
        Assert.Equal("internal", (string)resources["LoadBalancer"]!["Properties"]!["Scheme"]!);
        Assert.True((bool)resources["FileSystem"]!["Properties"]!["Encrypted"]!);
        Assert.Equal(["FARGATE", "FARGATE_SPOT"], resources["Cluster"]!["Properties"]!["CapacityProviders"]!.AsArray().Select(c => (string)c!));
        var stage = resources["ApiStage"]!["Properties"]!["DefaultRouteSettings"]!;
        Assert.NotNull(stage["ThrottlingRateLimit"]);
        Assert.Contains("LambdaAdapterLayer", resources["GatewayFunction"]!["Properties"]!["Layers"]!.ToJsonString());
        // Secrets come from Secrets Manager ARNs; no parameter carries a key or password itself.
        var parameters = template["Parameters"]!.AsObject().Select(p => p.Key).ToArray();
        Assert.Contains("OpenAiApiKeySecretArn", parameters);
        Assert.Contains("Neo4jPasswordSecretArn", parameters);
        Assert.DoesNotContain(parameters, p => (p.Contains("Password") || p.Contains("ApiKey")) && !p.EndsWith("SecretArn", StringComparison.Ordinal));
        var outputs = template["Outputs"]!.AsObject();
        Assert.True(outputs.ContainsKey("ApiUrl") && outputs.ContainsKey("BucketName"));
    }

    [Fact]
    public void The_bucket_lets_the_web_page_put_to_presigned_urls_from_its_own_origin_only()
    {
        var template = CloudFormationYaml.LoadTemplate();
        var rules = template["Resources"]!["DocumentBucket"]!["Properties"]!["CorsConfiguration"]!["CorsRules"]!.AsArray();

        var rule = Assert.Single(rules)!;
        Assert.Equal(["PUT"], rule["AllowedMethods"]!.AsArray().Select(m => (string)m!));
        Assert.Equal(["Content-Type"], rule["AllowedHeaders"]!.AsArray().Select(h => (string)h!));
        // By default the API's own origin (where the gateway serves the page), never "*".
        var origin = Assert.Single(rule["AllowedOrigins"]!.AsArray())!.ToJsonString();
        Assert.Contains("HasCorsOrigin", origin);
        Assert.Contains("https://${HttpApi}.execute-api.${AWS::Region}.amazonaws.com", origin);
        Assert.Equal("", (string)template["Parameters"]!["CorsAllowedOrigin"]!["Default"]!);
        Assert.DoesNotContain("\"*\"", rules.ToJsonString());
    }
}
